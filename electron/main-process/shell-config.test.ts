// The product's shell runs the branch's configuration file, always, and nothing of the demo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { branchConfig } from './shell-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'shell-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REMOTE = { kind: 'remote', url: 'http://127.0.0.1:8443/' };
const PCSC = { kind: 'pcsc', name: 'Branch Reader 00 00' };

function file(name: string, config: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ dataDir: dir, ...config }));
  return path;
}

describe('the shell’s configuration', () => {
  it('must be a file', () => {
    expect(branchConfig(undefined)).toEqual({ ok: false, error: expect.stringMatching(/^KIOSK_CONFIG is not set/) as unknown });
  });

  it('refuses the demo’s simulated readers, naming the field', () => {
    for (const reader of [{ kind: 'simulated', mechanics: 'motorised' }, { kind: 'xfs4iot-simulator' }]) {
      const path = file('sim.json', { gateway: REMOTE, reader });
      expect(branchConfig(path)).toEqual({ ok: false, error: `${path}: reader.kind: must be a card reader of kind "pcsc" or "xfs4iot"` });
    }
  });

  it('refuses the demo’s embedded gateway, naming the field', () => {
    const path = file('embedded.json', { gateway: { kind: 'embedded' }, reader: PCSC });
    expect(branchConfig(path)).toEqual({ ok: false, error: `${path}: gateway.kind: must be the bank's gateway (kind "remote")` });
  });

  it('runs on a real reader and a remote gateway', () => {
    expect(branchConfig(file('branch.json', { gateway: REMOTE, reader: PCSC }))).toMatchObject({ ok: true, value: { reader: PCSC } });
  });

  it('passes on a bad file’s own error', () => {
    const path = file('bad.json', { gateway: { kind: 'remote', url: 'not a url' }, reader: PCSC });
    expect(branchConfig(path)).toEqual({ ok: false, error: expect.stringContaining('gateway.url') as unknown });
  });
});
