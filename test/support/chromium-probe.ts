// Is Debian's Chromium there for the UI tests? (Playwright's own browser download is not used.)
import { existsSync } from 'node:fs';
import type { Availability } from './components.ts';

export const CHROMIUM = '/usr/bin/chromium';

export function probeChromium(): Availability {
  return existsSync(CHROMIUM)
    ? { ok: true, value: undefined }
    : { ok: false, error: `${CHROMIUM} is missing; install Debian's chromium package` };
}
