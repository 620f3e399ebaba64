// Configuration files as an administrator's typo or a corrupted disk leaves them: any text, any
// JSON, and real configurations with a field changed. Loading settles with the configuration or
// an error naming the file — never a throw, never a half-applied configuration.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoConfig } from '../../electron/devkit/demo-config.ts';
import { loadKioskConfig } from '../../electron/node/config/kiosk-config.ts';
import { fuzzParameters } from './fuzz-runs.ts';

const dir = mkdtempSync(join(tmpdir(), 'config-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'kiosk.json');

const BRANCH = {
  dataDir: '/var/lib/mynaportal-kiosk',
  gateway: { kind: 'remote', url: 'http://127.0.0.1:8443/' },
  reader: { kind: 'pcsc', name: 'Reader 00 00' },
  display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
};

/** The branch configuration with one field, anywhere in it, replaced by any JSON value or removed. */
const changed = fc
  .tuple(
    fc.constantFrom(
      'dataDir',
      'gateway',
      'gateway.kind',
      'gateway.url',
      'reader',
      'reader.kind',
      'reader.name',
      'display',
      'display.calendar',
      'services',
      'schedules',
      'extra',
    ),
    fc.option(fc.jsonValue(), { nil: undefined }),
  )
  .map(([field, value]) => {
    const copy = structuredClone(BRANCH) as Record<string, unknown>;
    const [head = '', tail] = field.split('.');
    const target = (tail ? copy[head] : copy) as Record<string, unknown> | undefined;
    if (target && typeof target === 'object') target[tail ?? head] = value;
    return JSON.stringify(copy);
  });

describe('configuration files of any content', () => {
  it('load to a configuration or to an error that names the file, for the product and the devkit alike', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), changed), (text) => {
        writeFileSync(path, text);
        for (const result of [loadKioskConfig(path), loadDemoConfig(path)]) {
          if (result.ok) expect(result.value.dataDir.length).toBeGreaterThan(0);
          else expect(result.error.startsWith(`${path}: `)).toBe(true);
        }
      }),
      fuzzParameters(),
    );
  });
});
