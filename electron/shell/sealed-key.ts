// The database key kept with the OS keystore (Electron's safeStorage: libsecret/kwallet on
// Linux, DPAPI on Windows): the file on disk holds only the key encrypted by the keystore, so
// a copy of the data folder alone does not open the outbox. Where no keystore is available
// (a bare kiosk session may have none), the kiosk falls back to a key file only its user can
// read, and says so in the log.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, loadOrCreateKey } from '../core/storage/key-file.ts';

/** The parts of Electron's safeStorage this needs. */
export interface KeyStore {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export type KeySource = 'os-keystore' | 'key-file';

export function loadDatabaseKey(store: KeyStore, paths: { sealed: string; plain: string }): { key: Uint8Array; source: KeySource } {
  if (!store.isEncryptionAvailable()) return { key: loadOrCreateKey(paths.plain), source: 'key-file' };
  if (!existsSync(paths.sealed)) {
    mkdirSync(dirname(paths.sealed), { recursive: true, mode: 0o700 });
    writeFileSync(paths.sealed, store.encryptString(randomBytes(KEY_BYTES).toString('base64')), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(store.decryptString(readFileSync(paths.sealed)), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`the sealed database key in ${paths.sealed} is not ${String(KEY_BYTES)} bytes`);
  return { key: new Uint8Array(key), source: 'os-keystore' };
}
