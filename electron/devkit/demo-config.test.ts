// The devkit's configuration: the product's with the demo's parts besides.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoConfig, loadDemoConfig } from './demo-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'demo-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo configuration', () => {
  it('runs on the simulated motorised reader and the embedded gateway, with the computer’s keyboard as number pad', () => {
    expect(demoConfig()).toMatchObject({
      gateway: { kind: 'embedded' },
      reader: { kind: 'simulated', mechanics: 'motorised' },
      display: { physicalKeypad: true },
    });
  });

  it('may name the demo parts or the product’s in a file, and refuses anything else naming the field', () => {
    const path = join(dir, 'desk.json');
    writeFileSync(path, JSON.stringify({ dataDir: dir, gateway: { kind: 'embedded' }, reader: { kind: 'simulated', mechanics: 'desk' } }));
    expect(loadDemoConfig(path)).toMatchObject({ ok: true, value: { reader: { mechanics: 'desk' } } });
    writeFileSync(
      path,
      JSON.stringify({ dataDir: dir, gateway: { kind: 'embedded' }, reader: { kind: 'pcsc', name: 'Virtual PCD 00 00' } }),
    );
    expect(loadDemoConfig(path)).toMatchObject({ ok: true });
    for (const reader of [
      { kind: 'xfs4iot-simulator' },
      { kind: 'xfs4iot-simulator', chip: { kind: 'pcsc', name: 'Virtual PCD 00 00', vpcdPort: 35963 } },
      { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0' },
      { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0', chip: { kind: 'pcsc', name: 'Virtual PCD 00 00' } },
    ]) {
      writeFileSync(path, JSON.stringify({ dataDir: dir, gateway: { kind: 'embedded' }, reader }));
      expect(loadDemoConfig(path)).toMatchObject({ ok: true, value: { reader } });
    }
    writeFileSync(
      path,
      JSON.stringify({
        dataDir: dir,
        gateway: { kind: 'embedded' },
        reader: { kind: 'xfs4iot-simulator', chip: { kind: 'pcsc', name: 'Virtual PCD 00 00' } },
      }),
    );
    expect(loadDemoConfig(path)).toMatchObject({ ok: false, error: expect.stringContaining(': reader.chip.vpcdPort: ') as unknown });
    writeFileSync(path, JSON.stringify({ dataDir: dir, gateway: { kind: 'embedded' }, reader: { kind: 'usb' } }));
    expect(loadDemoConfig(path)).toEqual({
      ok: false,
      error: `${path}: reader.kind: must be a card reader of kind "pcsc", "xfs4iot", "simulated" or "xfs4iot-simulator"`,
    });
  });
});
