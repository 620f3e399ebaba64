import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPrivateKeyFile } from './private-key-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(mode: number): string {
  const path = join(dir, `client-${mode.toString(8)}.key`);
  writeFileSync(path, '-----BEGIN PRIVATE KEY-----\n');
  chmodSync(path, mode);
  return path;
}

describe('the mTLS private key file', () => {
  it('is read when only its owner and group can read it', () => {
    expect(readPrivateKeyFile(keyFile(0o640), 'gateway.tls.keyFile')).toContain('PRIVATE KEY');
    expect(readPrivateKeyFile(keyFile(0o600), 'gateway.tls.keyFile')).toContain('PRIVATE KEY');
  });

  it('is refused, naming the setting and the fix, when other users could read it or the group change it', () => {
    expect(() => readPrivateKeyFile(keyFile(0o644), 'gateway.tls.keyFile')).toThrow(
      /^gateway\.tls\.keyFile: .*client-644\.key is open to users outside the kiosk's group \(mode 644\); make it root:kiosk, mode 640$/,
    );
    expect(() => readPrivateKeyFile(keyFile(0o660), 'gateway.tls.keyFile')).toThrow(/mode 660/);
  });

  it('is left to the folder’s ACL on Windows, which has no mode bits', () => {
    expect(readPrivateKeyFile(keyFile(0o644), 'gateway.tls.keyFile', 'win32')).toContain('PRIVATE KEY');
  });
});
