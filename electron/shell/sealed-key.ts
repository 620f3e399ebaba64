// The database key kept with the OS keystore (Electron's safeStorage: libsecret/kwallet on
// Linux, DPAPI on Windows): the file on disk holds only the key encrypted by the keystore, so
// a copy of the data folder alone does not open the outbox. Where no keystore is available
// (a bare kiosk session may have none), the kiosk falls back to a key file only its user can
// read, and says so in the log; it never holds both.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, loadOrCreateKey } from '../core/storage/key-file.ts';

/** The parts of Electron's safeStorage this needs. */
export interface KeyStore {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export type KeySource = 'os-keystore' | 'key-file';

/**
 * The one database key, wherever it lives. A plain key found once a keystore is available is
 * sealed and its file removed (the outbox stays readable, and no plain copy is left behind);
 * a sealed key while the keystore is unavailable stops the start rather than silently making a
 * new key that would orphan the submissions waiting in the outbox.
 */
export function loadDatabaseKey(store: KeyStore, paths: { sealed: string; plain: string }): { key: Uint8Array; source: KeySource } {
  if (!store.isEncryptionAvailable()) {
    if (existsSync(paths.sealed)) {
      throw new Error(`the database key is sealed by the OS keystore (${paths.sealed}), which is not available now`);
    }
    return { key: loadOrCreateKey(paths.plain), source: 'key-file' };
  }
  if (!existsSync(paths.sealed)) {
    const key = existsSync(paths.plain) ? Buffer.from(loadOrCreateKey(paths.plain)) : randomBytes(KEY_BYTES);
    mkdirSync(dirname(paths.sealed), { recursive: true, mode: 0o700 });
    writeFileSync(paths.sealed, store.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    key.fill(0);
  }
  const key = Buffer.from(store.decryptString(readFileSync(paths.sealed)), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`the sealed database key in ${paths.sealed} is not ${String(KEY_BYTES)} bytes`);
  if (existsSync(paths.plain)) removeKeyFile(paths.plain);
  return { key: new Uint8Array(key), source: 'os-keystore' };
}

/** Overwritten before it is unlinked, so the key's bytes do not linger in the file's blocks. */
function removeKeyFile(path: string): void {
  writeFileSync(path, Buffer.alloc(statSync(path).size));
  rmSync(path);
}
