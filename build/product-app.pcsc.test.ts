// The product as it is packaged, as close to a branch terminal as this machine gets: the
// compiled main process (no TypeScript, only `electron` faked), the card service as a separate
// process of the compiled entry, the branch configuration with a PC/SC reader of the real
// pcscd (vpcd's "Virtual PCD 00 00") and the bank's gateway over HTTP on loopback. It must
// reach the attract loop.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestGateway } from '../electron/devkit/reference-gateway/test-gateway.ts';
import type { ReferenceGateway } from '../electron/devkit/reference-gateway/reference-gateway.ts';
import { describeWhenAvailable } from '../test/support/components.ts';
import { runCompiledShell } from '../test/support/compiled-shell.ts';
import { probePcscWithVpcd } from '../test/support/pcsc-probe.ts';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'dist'), { recursive: true });
const work = mkdtempSync(join(root, 'dist', 'product-app-'));
let gateway: ReferenceGateway;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build-app.ts'), '--dist', join(work, 'dist')], {
    cwd: root,
    stdio: 'pipe',
  });
  gateway = await createTestGateway({ processingMs: 100 });
}, 120_000);
afterAll(async () => {
  await gateway.close();
  rmSync(work, { recursive: true, force: true });
});

describeWhenAvailable('the packaged product on a PC/SC reader', await probePcscWithVpcd(), () => {
  it('starts its card service on pcscd, reaches the bank’s gateway and shows the attract loop', async () => {
    const config = join(work, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        dataDir: join(work, 'data'),
        gateway: { kind: 'remote', url: await gateway.listen() },
        reader: { kind: 'pcsc', name: 'Virtual PCD 00 00' },
      }),
    );
    const shown = await runCompiledShell(join(work, 'dist', 'app'), 'electron/main-process/main.js', { config, appPath: work });
    expect(shown).toEqual({ windows: 1, loaded: ['kiosk://app/index.html'], screen: 'attract' });
    expect(gateway.requestCount('health')).toBeGreaterThan(0);
  }, 60_000);
});
