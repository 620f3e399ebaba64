// Once the bank has a submission, nothing of it stays on disk: not in the database file and
// not in its write-ahead log, where deleted rows otherwise linger until overwritten.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openKioskDatabase } from './kiosk-database.ts';
import { SubmissionOutbox } from './submission-outbox.ts';
import { SUBMISSION } from '../../../test/support/submission-fixture.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('leaves no trace of an acknowledged submission in the database file or its log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  const path = join(dir, 'kiosk.sqlite');
  const db = openKioskDatabase(path);
  const outbox = new SubmissionOutbox(db, new Uint8Array(32).fill(7));
  const { id } = outbox.store(SUBMISSION);
  const { sealed } = db.prepare('SELECT sealed FROM outbox WHERE id = ?').get(id) as { sealed: Buffer };
  const onDisk = (): Buffer => Buffer.concat([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
  // A distinctive slice of the ciphertext: present while the submission waits.
  const fingerprint = Buffer.from(sealed).subarray(16, 48);
  expect(onDisk().includes(fingerprint)).toBe(true);
  outbox.acknowledge(id);
  expect(outbox.size).toBe(0);
  expect(onDisk().includes(fingerprint)).toBe(false);
  expect(onDisk().includes(Buffer.from(id))).toBe(false);
  db.close();
});
