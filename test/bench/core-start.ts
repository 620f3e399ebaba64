// The kiosk core as a branch starts it, for the start-up benchmark: the product's composition
// root (electron/node/compose-kiosk.ts) on a fresh data folder, with the PC/SC reader served by
// its card service process and the gateway at --gateway. Prints one JSON line once the session
// machine shows the attract screen (reader reported and gateway healthy), with the times since
// this process started (performance.timeOrigin), then stops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startKioskRuntime } from '../../electron/node/compose-kiosk.ts';

// Static imports are evaluated before this line: it is when the code has loaded.
const modulesLoaded = performance.now();
const { values } = parseArgs({ options: { gateway: { type: 'string' }, reader: { type: 'string', default: 'Virtual PCD 00 01' } } });
if (!values.gateway) throw new Error('--gateway URL is required');
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-start-'));
const runtime = await startKioskRuntime({
  dataDir,
  gateway: { kind: 'remote', url: values.gateway },
  reader: { kind: 'pcsc', name: values.reader },
  display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
});
const started = performance.now();
await new Promise<void>((resolve) => {
  if (runtime.kiosk.view().screen === 'attract') {
    resolve();
    return;
  }
  const unsubscribe = runtime.kiosk.subscribe((view) => {
    if (view.screen !== 'attract') return;
    unsubscribe();
    resolve();
  });
});
const attract = performance.now();
process.stdout.write(`${JSON.stringify({ modulesLoadedMs: modulesLoaded, kioskStartedMs: started, attractMs: attract })}\n`);
await runtime.stop();
rmSync(dataDir, { recursive: true, force: true });
