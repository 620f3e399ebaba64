// Suites that need a system component (pcscd with vpcd, Chromium) run where it exists. On a
// developer machine without it they are skipped with the reason printed; in CI (CI=true) a
// missing component fails the run instead, so nothing is ever silently skipped there.
import { describe, it } from 'vitest';

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function describeWhenAvailable(name: string, availability: Availability, body: () => void): void {
  if (availability.ok) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its system components installed and running', () => {
        throw new Error(`required in CI: ${availability.reason}`);
      });
    });
    return;
  }
  process.stderr.write(`[skip] ${name}: ${availability.reason}\n`);
  describe.skip(name, body);
}
