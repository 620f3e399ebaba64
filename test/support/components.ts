// Suites that need a system component (pcscd with vpcd, Chromium) run where it exists. On a
// developer machine without it they are skipped with the reason printed; in CI (CI=true) a
// missing component fails the run instead, so nothing is ever silently skipped there.
import { describe, it } from 'vitest';
import type { Result } from '../../electron/common/result.ts';

/** Installed and running, or why not. */
export type Availability = Result<undefined, string>;

export function describeWhenAvailable(name: string, availability: Availability, body: () => void): void {
  if (availability.ok) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its system components installed and running', () => {
        throw new Error(`required in CI: ${availability.error}`);
      });
    });
    return;
  }
  process.stderr.write(`[skip] ${name}: ${availability.error}\n`);
  describe.skip(name, body);
}
