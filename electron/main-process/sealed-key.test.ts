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
const fakeStore = (available: boolean, backend?: 'basic_text' | 'gnome_libsecret' | 'kwallet6', generation = 1): KeyStore => {
  const tag = backend === 'basic_text' ? 'basic:' : 'sealed:';
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
    encryptStringAsync: (plain) => Promise.resolve(Buffer.from(`${tag}${String(generation)}:${Buffer.from(plain).toString('hex')}`)),
    decryptStringAsync: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith(tag))
        return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      const [sealedBy = '', hex = ''] = text.slice(tag.length).split(':');
      // Sealed under an older generation of the keystore's key: readable, but to be sealed again.
      return Promise.resolve({ result: Buffer.from(hex, 'hex').toString(), shouldReEncrypt: Number(sealedBy) < generation });
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

  it('is kept sealed by the OS keystore, and the same key comes back on the next start', async () => {
    const where = paths();
    const first = await loadDatabaseKey(fakeStore(true), where);
    const second = await loadDatabaseKey(fakeStore(true), where);
    expect(first.source).toBe('os-keystore');
    expect(first.key).toHaveLength(32);
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(where.sealed, 'utf8')).not.toContain(Buffer.from(first.key).toString('base64'));
  });

  it('seals the same key again when the keystore says its seal is out of date, so the outbox stays readable', async () => {
    const where = paths();
    const first = await loadDatabaseKey(fakeStore(true, 'gnome_libsecret', 1), where);
    const rotated = await loadDatabaseKey(fakeStore(true, 'gnome_libsecret', 2), where);
    expect(Buffer.from(rotated.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(where.sealed, 'utf8')).toMatch(/^sealed:2:/);
    expect(modeOf(where.sealed)).toBe(0o600);
    expect(existsSync(`${where.sealed}.new`)).toBe(false);
  });

  it('falls back to a key file only its user can read when there is no keystore', async () => {
    const where = paths();
    const { source } = await loadDatabaseKey(fakeStore(false), where);
    expect(source).toBe('key-file');
    expect(readFileSync(where.plain, 'utf8').length).toBeGreaterThan(40);
  });

  it('seals a key file once a keystore appears, keeping the same key and no plain copy', async () => {
    const where = paths();
    const before = await loadDatabaseKey(fakeStore(false), where);
    const after = await loadDatabaseKey(fakeStore(true), where);
    expect(after.source).toBe('os-keystore');
    expect(Buffer.from(after.key).equals(Buffer.from(before.key))).toBe(true);
    expect(existsSync(where.plain)).toBe(false);
  });

  it('refuses to start with a sealed key while the keystore is unavailable, rather than make a new key', async () => {
    const where = paths();
    await loadDatabaseKey(fakeStore(true), where);
    await expect(loadDatabaseKey(fakeStore(false), where)).rejects.toThrow(/sealed by the OS keystore.*not available/);
    expect(existsSync(where.plain)).toBe(false);
  });

  describe('on Linux', () => {
    it('seals with a real keyring', async () => {
      const where = paths();
      expect((await loadDatabaseKey(fakeStore(true, 'gnome_libsecret'), where)).source).toBe('os-keystore');
      expect(existsSync(where.plain)).toBe(false);
    });

    it('counts the basic_text store (a password built into Chromium) as no keystore: a key file only its user can read', async () => {
      const where = paths();
      const first = await loadDatabaseKey(fakeStore(true, 'basic_text'), where);
      expect(first.source).toBe('key-file');
      expect(existsSync(where.sealed)).toBe(false);
      if (process.platform !== 'win32') expect(modeOf(where.plain)).toBe(0o600);
      const second = await loadDatabaseKey(fakeStore(true, 'basic_text'), where);
      expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    });

    it('moves a key an earlier version sealed under basic_text to the key file: same key, no sealed copy', async () => {
      const where = paths();
      const key = Buffer.alloc(32, 7);
      writeFileSync(where.sealed, await fakeStore(true, 'basic_text').encryptStringAsync(key.toString('base64')));
      const moved = await loadDatabaseKey(fakeStore(true, 'basic_text'), where);
      expect(moved.source).toBe('key-file');
      expect(Buffer.from(moved.key).equals(key)).toBe(true);
      expect(existsSync(where.sealed)).toBe(false);
      if (process.platform !== 'win32') expect(modeOf(where.plain)).toBe(0o600);
    });

    it('refuses to start with a key a keyring sealed when only basic_text is left', async () => {
      const where = paths();
      await loadDatabaseKey(fakeStore(true, 'kwallet6'), where);
      await expect(loadDatabaseKey(fakeStore(true, 'basic_text'), where)).rejects.toThrow(/sealed by the OS keystore.*not available/);
      expect(existsSync(where.sealed)).toBe(true);
      expect(existsSync(where.plain)).toBe(false);
    });
  });
});
