import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDatabaseKey, type KeyStore } from './sealed-key.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A keystore that "encrypts" by hex-encoding and tagging: enough to tell sealed from plain.
 * With a backend it is Linux's safeStorage; basic_text has its own tag, and like Chromium's it
 * cannot open what a keyring sealed.
 */
const fakeStore = (available: boolean, backend?: string): KeyStore => {
  const tag = backend === 'basic_text' ? 'basic:' : 'sealed:';
  return {
    isEncryptionAvailable: () => available,
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
    encryptString: (plain) => Buffer.from(`${tag}${Buffer.from(plain).toString('hex')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith(tag)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(tag.length), 'hex').toString();
    },
  };
};
const modeOf = (path: string): number => statSync(path).mode & 0o777;

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

  describe('on Linux', () => {
    it('seals with a real keyring', () => {
      const where = paths();
      expect(loadDatabaseKey(fakeStore(true, 'gnome_libsecret'), where).source).toBe('os-keystore');
      expect(existsSync(where.plain)).toBe(false);
    });

    it('counts the basic_text store (a password built into Chromium) as no keystore: a key file only its user can read', () => {
      const where = paths();
      const first = loadDatabaseKey(fakeStore(true, 'basic_text'), where);
      expect(first.source).toBe('key-file');
      expect(existsSync(where.sealed)).toBe(false);
      if (process.platform !== 'win32') expect(modeOf(where.plain)).toBe(0o600);
      const second = loadDatabaseKey(fakeStore(true, 'basic_text'), where);
      expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    });

    it('moves a key an earlier version sealed under basic_text to the key file: same key, no sealed copy', () => {
      const where = paths();
      const key = Buffer.alloc(32, 7);
      writeFileSync(where.sealed, fakeStore(true, 'basic_text').encryptString(key.toString('base64')));
      const moved = loadDatabaseKey(fakeStore(true, 'basic_text'), where);
      expect(moved.source).toBe('key-file');
      expect(Buffer.from(moved.key).equals(key)).toBe(true);
      expect(existsSync(where.sealed)).toBe(false);
      if (process.platform !== 'win32') expect(modeOf(where.plain)).toBe(0o600);
    });

    it('refuses to start with a key a keyring sealed when only basic_text is left', () => {
      const where = paths();
      loadDatabaseKey(fakeStore(true, 'kwallet6'), where);
      expect(() => loadDatabaseKey(fakeStore(true, 'basic_text'), where)).toThrow(/sealed by the OS keystore.*not available/);
      expect(existsSync(where.sealed)).toBe(true);
      expect(existsSync(where.plain)).toBe(false);
    });
  });
});
