import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellConfig } from './shell-config.ts';

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
  it('is the demo in development when no file is named', () => {
    expect(shellConfig(undefined, false)).toMatchObject({
      ok: true,
      value: { gateway: { kind: 'embedded' }, reader: { kind: 'simulated' } },
    });
  });

  it('may name the demo parts in development', () => {
    const path = file('dev.json', { gateway: { kind: 'embedded' }, reader: { kind: 'simulated', mechanics: 'desk' } });
    expect(shellConfig(path, false)).toMatchObject({ ok: true });
  });

  it('must be a file in a packaged app', () => {
    expect(shellConfig(undefined, true)).toEqual({ ok: false, error: expect.stringMatching(/^KIOSK_CONFIG is not set/) as unknown });
  });

  it('refuses the simulated reader in a packaged app, naming the field', () => {
    const path = file('sim.json', { gateway: REMOTE, reader: { kind: 'simulated', mechanics: 'motorised' } });
    expect(shellConfig(path, true)).toEqual({ ok: false, error: expect.stringContaining(`${path}: reader.kind:`) as unknown });
  });

  it('refuses the embedded gateway in a packaged app, naming the field', () => {
    const path = file('embedded.json', { gateway: { kind: 'embedded' }, reader: PCSC });
    expect(shellConfig(path, true)).toEqual({ ok: false, error: expect.stringContaining(`${path}: gateway.kind:`) as unknown });
  });

  it('runs a packaged app on a real reader and a remote gateway', () => {
    expect(shellConfig(file('branch.json', { gateway: REMOTE, reader: PCSC }), true)).toMatchObject({ ok: true, value: { reader: PCSC } });
  });

  it('passes on a bad file’s own error', () => {
    const path = file('bad.json', { gateway: { kind: 'remote', url: 'not a url' }, reader: PCSC });
    expect(shellConfig(path, true)).toEqual({ ok: false, error: expect.stringContaining('gateway.url') as unknown });
  });
});
