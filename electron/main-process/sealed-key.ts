// The database key kept with the OS keystore (Electron's safeStorage: libsecret/kwallet on
// Linux, DPAPI on Windows): the file on disk holds only the key encrypted by the keystore, so
// a copy of the data folder alone does not open the outbox. Where no keystore is available
// (a bare kiosk session may have none), the kiosk falls back to a key file only its user can
// read, and says so in the log; it never holds both. On Linux without a keyring (the branch
// kiosk under cage) safeStorage still reports itself available, using Chromium's basic_text
// store whose password is built into Chromium: that is no keystore, so it counts as none (and
// the kiosk never asks for it with setUsePlainTextEncryption).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { KEY_BYTES, loadOrCreateKey } from '../node/storage/key-file.ts';

/**
 * The parts of Electron's safeStorage this needs (its asynchronous API: the synchronous one is
 * deprecated). getSelectedStorageBackend is Linux only: absent on other platforms.
 */
export type KeyStore = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export type KeySource = 'os-keystore' | 'key-file';

/** basic_text "encrypts" with a password anyone can read in Chromium's source. */
async function hasOsKeystore(store: KeyStore): Promise<boolean> {
  return (await store.isAsyncEncryptionAvailable()) && store.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * The one database key, wherever it lives. A plain key found once a keystore is available is
 * sealed and its file removed (the outbox stays readable, and no plain copy is left behind);
 * a sealed key while the keystore is unavailable stops the start rather than silently making a
 * new key that would orphan the submissions waiting in the outbox.
 */
export async function loadDatabaseKey(
  store: KeyStore,
  paths: { sealed: string; plain: string },
): Promise<{ key: Uint8Array; source: KeySource }> {
  if (!(await hasOsKeystore(store))) {
    return { key: existsSync(paths.sealed) ? await moveToKeyFile(store, paths) : loadOrCreateKey(paths.plain), source: 'key-file' };
  }
  if (!existsSync(paths.sealed)) {
    const key = existsSync(paths.plain) ? Buffer.from(loadOrCreateKey(paths.plain)) : randomBytes(KEY_BYTES);
    mkdirSync(dirname(paths.sealed), { recursive: true, mode: 0o700 });
    writeFileSync(paths.sealed, await store.encryptStringAsync(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    key.fill(0);
  }
  const key = await unseal(store, paths.sealed);
  if (existsSync(paths.plain)) removeKeyFile(paths.plain);
  return { key: new Uint8Array(key), source: 'os-keystore' };
}

/**
 * The key from its sealed file. When the keystore says the seal is out of date (its key was
 * rotated, or a stronger one is available), the same database key is sealed again, replacing
 * the file in one rename so that a crash leaves the old seal or the new, never neither.
 */
async function unseal(store: KeyStore, sealed: string): Promise<Buffer> {
  const { result, shouldReEncrypt } = await store.decryptStringAsync(readFileSync(sealed));
  const key = Buffer.from(result, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`the sealed database key in ${sealed} is not ${String(KEY_BYTES)} bytes`);
  if (shouldReEncrypt) {
    const fresh = `${sealed}.new`;
    writeFileSync(fresh, await store.encryptStringAsync(result), { mode: 0o600 });
    renameSync(fresh, sealed);
  }
  return key;
}

/**
 * A key sealed under basic_text (which earlier versions took for a keystore) is no safer than
 * the key file, so it moves there, same key. One sealed by a real keystore that is gone cannot
 * be opened: the start stops.
 */
async function moveToKeyFile(store: KeyStore, paths: { sealed: string; plain: string }): Promise<Uint8Array> {
  let key: Buffer;
  try {
    if (!(await store.isAsyncEncryptionAvailable())) throw new Error('safeStorage is not available');
    key = await unseal(store, paths.sealed);
  } catch (cause) {
    throw new Error(`the database key is sealed by the OS keystore (${paths.sealed}), which is not available now`, { cause });
  }
  if (!existsSync(paths.plain)) {
    mkdirSync(dirname(paths.plain), { recursive: true, mode: 0o700 });
    writeFileSync(paths.plain, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  // A key file left by a move cut short must hold the same key; anything else is for staff.
  const kept = loadOrCreateKey(paths.plain);
  const same = key.equals(kept);
  key.fill(0);
  if (!same) throw new Error(`${paths.sealed} and ${paths.plain} hold different database keys`);
  removeKeyFile(paths.sealed);
  return kept;
}

/** Overwritten before it is unlinked, so the key's bytes do not linger in the file's blocks. */
function removeKeyFile(path: string): void {
  writeFileSync(path, Buffer.alloc(statSync(path).size));
  rmSync(path);
}
