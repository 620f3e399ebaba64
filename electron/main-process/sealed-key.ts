// The database key kept with the OS keystore (Electron's safeStorage: libsecret/kwallet on
// Linux, DPAPI on Windows): the file on disk holds only the key encrypted by the keystore, so
// a copy of the data folder alone does not open the outbox. Where no keystore is available
// (a bare kiosk session may have none), the kiosk falls back to a key file only its user can
// read, and says so in the log; it never holds both. On Linux without a keyring (the branch
// kiosk under cage) safeStorage still reports itself available, using Chromium's basic_text
// store whose password is built into Chromium: that is no keystore, so it counts as none (and
// the kiosk never asks for it with setUsePlainTextEncryption).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, loadOrCreateKey } from '../node/storage/key-file.ts';

/** The parts of Electron's safeStorage this needs. */
export interface KeyStore {
  isEncryptionAvailable(): boolean;
  /** Linux only (absent on other platforms): the password store Chromium picked. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export type KeySource = 'os-keystore' | 'key-file';

/** basic_text "encrypts" with a password anyone can read in Chromium's source. */
function hasOsKeystore(store: KeyStore): boolean {
  return store.isEncryptionAvailable() && store.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * The one database key, wherever it lives. A plain key found once a keystore is available is
 * sealed and its file removed (the outbox stays readable, and no plain copy is left behind);
 * a sealed key while the keystore is unavailable stops the start rather than silently making a
 * new key that would orphan the submissions waiting in the outbox.
 */
export function loadDatabaseKey(store: KeyStore, paths: { sealed: string; plain: string }): { key: Uint8Array; source: KeySource } {
  if (!hasOsKeystore(store)) {
    return { key: existsSync(paths.sealed) ? moveToKeyFile(store, paths) : loadOrCreateKey(paths.plain), source: 'key-file' };
  }
  if (!existsSync(paths.sealed)) {
    const key = existsSync(paths.plain) ? Buffer.from(loadOrCreateKey(paths.plain)) : randomBytes(KEY_BYTES);
    mkdirSync(dirname(paths.sealed), { recursive: true, mode: 0o700 });
    writeFileSync(paths.sealed, store.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    key.fill(0);
  }
  const key = unseal(store, paths.sealed);
  if (existsSync(paths.plain)) removeKeyFile(paths.plain);
  return { key: new Uint8Array(key), source: 'os-keystore' };
}

function unseal(store: KeyStore, sealed: string): Buffer {
  const key = Buffer.from(store.decryptString(readFileSync(sealed)), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`the sealed database key in ${sealed} is not ${String(KEY_BYTES)} bytes`);
  return key;
}

/**
 * A key sealed under basic_text (which earlier versions took for a keystore) is no safer than
 * the key file, so it moves there, same key. One sealed by a real keystore that is gone cannot
 * be opened: the start stops.
 */
function moveToKeyFile(store: KeyStore, paths: { sealed: string; plain: string }): Uint8Array {
  let key: Buffer;
  try {
    if (!store.isEncryptionAvailable()) throw new Error('safeStorage is not available');
    key = unseal(store, paths.sealed);
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
