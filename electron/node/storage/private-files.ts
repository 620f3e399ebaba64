// The data folder holds the encrypted outbox, the audit trail and the logs: only the kiosk's
// own user may read it. SQLite creates its files with the process's umask (0644 by default)
// and `mkdirSync(…, 0o700)` leaves an existing folder as it was, so both are checked here.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, statSync } from 'node:fs';

/** What had to be tightened, for the log (paths are the kiosk's own, never personal data). */
export type Tightened = readonly string[];

const enforced = process.platform !== 'win32';

/**
 * Creates the folder (0700) or checks an existing one: a symlink, a non-folder or a folder of
 * another user is refused (the kiosk cannot make it private); looser modes are tightened.
 */
export function ensurePrivateFolder(path: string, uid = process.getuid?.()): Tightened {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (!enforced) return [];
  const stat = lstatSync(path);
  if (stat.isSymbolicLink() || !stat.isDirectory()) throw new Error(`${path} must be a folder, not a link or a file`);
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${path} belongs to another user (uid ${String(stat.uid)})`);
  if ((stat.mode & 0o077) === 0) return [];
  chmodSync(path, 0o700);
  return [path];
}

/** Creates the file empty with 0600, or tightens an existing one to 0600. */
export function ensurePrivateFile(path: string, create: boolean): Tightened {
  let existing;
  try {
    existing = statSync(path);
  } catch {
    if (create) closeSync(openSync(path, 'a', 0o600));
    return [];
  }
  if (!enforced || (existing.mode & 0o077) === 0) return [];
  chmodSync(path, 0o600);
  return [path];
}
