import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDatabaseKey, type KeyStore } from './sealed-key.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A keystore that "encrypts" by hex-encoding and tagging: enough to tell sealed from plain. */
const fakeStore = (available: boolean): KeyStore => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString(),
});

describe('the database key', () => {
  const paths = (): { sealed: string; plain: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'key-'));
    dirs.push(dir);
    return { sealed: join(dir, 'database.key.sealed'), plain: join(dir, 'database.key') };
  };

  it('is kept sealed by the OS keystore, and the same key comes back on the next start', () => {
    const where = paths();
    const first = loadDatabaseKey(fakeStore(true), where);
    const second = loadDatabaseKey(fakeStore(true), where);
    expect(first.source).toBe('os-keystore');
    expect(first.key).toHaveLength(32);
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(where.sealed, 'utf8')).not.toContain(Buffer.from(first.key).toString('base64'));
  });

  it('falls back to a key file only its user can read when there is no keystore', () => {
    const where = paths();
    const { source } = loadDatabaseKey(fakeStore(false), where);
    expect(source).toBe('key-file');
    expect(readFileSync(where.plain, 'utf8').length).toBeGreaterThan(40);
  });

  it('seals a key file once a keystore appears, keeping the same key and no plain copy', () => {
    const where = paths();
    const before = loadDatabaseKey(fakeStore(false), where);
    const after = loadDatabaseKey(fakeStore(true), where);
    expect(after.source).toBe('os-keystore');
    expect(Buffer.from(after.key).equals(Buffer.from(before.key))).toBe(true);
    expect(existsSync(where.plain)).toBe(false);
  });

  it('refuses to start with a sealed key while the keystore is unavailable, rather than make a new key', () => {
    const where = paths();
    loadDatabaseKey(fakeStore(true), where);
    expect(() => loadDatabaseKey(fakeStore(false), where)).toThrow(/sealed by the OS keystore.*not available/);
    expect(existsSync(where.plain)).toBe(false);
  });
});
