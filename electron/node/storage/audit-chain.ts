// The audit trail's hash chain, as pure logic: how one entry commits to the one before it, and
// how a run of entries is checked. Each entry stores `prev` (the hash it follows) and `hash`,
// an HMAC-SHA-256 over a canonical encoding of `prev` and the entry's own fields, its seq
// included, so a changed, removed, inserted or moved entry breaks the chain at that place.
//
// Why an HMAC keyed from the database key and not a plain SHA-256: with a plain hash, whoever
// holds the database file can edit a row and recompute every hash after it, and the chain
// proves nothing. The key is derived (HKDF, its own label) from the database key, which never
// lies next to the file (OS keystore, or a key file the bank keeps apart in a copy), exactly as
// the card hash is: holding the file alone, nobody can make an edited chain verify again.
// The price: verifying needs the key, so it runs in the kiosk or with `npm run audit`.
//
// Trimming keeps the chain verifiable: the trimmed entries give way to one checkpoint entry at
// the head of the table, whose `prev` is the last trimmed entry's hash (the anchor the rest
// chains from) and whose detail counts the entries trimmed so far; its own hash is computed
// like any other's, so a checkpoint cannot be forged either.
//
// What a chain cannot show by itself: entries cut off at its newest end. Only a record kept
// elsewhere shows that (an export's manifest holds the last hash it saw).
import { createHmac, hkdfSync } from 'node:crypto';

/** One row of the `audit` table, `detail` as the exact text stored (it is what is hashed). */
export interface ChainRow {
  readonly seq: number;
  readonly at: string;
  readonly session: string | null;
  readonly event: string;
  readonly detail: string | null;
  readonly prev: string | null;
  readonly hash: string | null;
}

/** The fields an entry's hash covers: everything but the hash itself. */
export type ChainFields = Omit<ChainRow, 'hash' | 'prev'>;

/** What the first entry of a never-trimmed trail follows. */
export const GENESIS = '0'.repeat(64);

/** The event name of a checkpoint entry (never recorded through AuditTrail.record). */
export const CHECKPOINT_EVENT = 'audit-checkpoint';

/** The key of the chain's HMAC, from the database key under a label of its own. */
export function chainKey(databaseKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, new Uint8Array(0), 'kiosk audit chain', 32));
}

/** The hash of an entry following `prev`: a JSON array in a fixed order is unambiguous. */
export function linkHash(key: Buffer, prev: string, fields: ChainFields): string {
  const canonical = JSON.stringify([prev, fields.seq, fields.at, fields.session, fields.event, fields.detail]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** What `prev` an entry appended after `last` (the newest row, if any) must carry. */
export function headOf(last: Pick<ChainRow, 'event' | 'prev' | 'hash'> | undefined): string {
  if (!last) return GENESIS;
  // The rest chains from a checkpoint's anchor: the entry before it is gone.
  return (last.event === CHECKPOINT_EVENT ? last.prev : last.hash) ?? GENESIS;
}

/**
 * Why a link is broken:
 * - `not-chained`: the entry has no hash;
 * - `changed`: the entry's fields are not those its hash was computed over;
 * - `out-of-sequence`: it does not follow the entry before it (one was removed, inserted or moved);
 * - `misplaced-checkpoint`: a checkpoint anywhere but at the head.
 */
export type ChainProblem = 'not-chained' | 'changed' | 'out-of-sequence' | 'misplaced-checkpoint';

export type ChainVerdict =
  | {
      readonly ok: true;
      /** Entries checked, the checkpoint included. */
      readonly entries: number;
      /** Entries trimmed before the checkpoint (0 when never trimmed). */
      readonly trimmed: number;
      /** The newest entry's hash, or undefined for an empty trail. */
      readonly lastHash: string | undefined;
    }
  | {
      readonly ok: false;
      /** The first entry whose link is broken. */
      readonly seq: number;
      readonly problem: ChainProblem;
      /** What is wrong, for a person. */
      readonly message: string;
    };

function trimmedBy(checkpoint: ChainRow): number {
  const detail: unknown = checkpoint.detail ? JSON.parse(checkpoint.detail) : null;
  const trimmed = detail && typeof detail === 'object' && 'trimmed' in detail ? detail.trimmed : 0;
  return typeof trimmed === 'number' ? trimmed : 0;
}

/** Checks the rows of a trail in seq order; reports the first broken link. */
export function verifyChain(rows: Iterable<ChainRow>, key: Buffer): ChainVerdict {
  let entries = 0;
  let trimmed = 0;
  let expected = GENESIS;
  let previous: ChainRow | undefined;
  const broken = (row: ChainRow, problem: ChainProblem, message: string): ChainVerdict => ({
    ok: false,
    seq: row.seq,
    problem,
    message: `entry ${String(row.seq)}: ${message}`,
  });
  for (const row of rows) {
    if (row.prev === null || row.hash === null) return broken(row, 'not-chained', 'has no hash: it was written outside the chain');
    const isCheckpoint = row.event === CHECKPOINT_EVENT;
    if (isCheckpoint && previous) return broken(row, 'misplaced-checkpoint', 'is a checkpoint, which only the first entry may be');
    if (!isCheckpoint && row.prev !== expected) {
      const after = previous ? `entry ${String(previous.seq)}` : 'the start of the trail';
      const missing = previous ? row.seq - previous.seq - 1 : 0;
      const first = String((previous?.seq ?? 0) + 1);
      const gap =
        missing === 1 ? ` (entry ${first} is missing)` : missing > 1 ? ` (entries ${first}–${String(row.seq - 1)} are missing)` : '';
      return broken(row, 'out-of-sequence', `does not follow ${after}${gap}: an entry was removed, inserted or moved here`);
    }
    if (linkHash(key, row.prev, row) !== row.hash) return broken(row, 'changed', 'does not match its hash: its fields were changed');
    if (isCheckpoint) trimmed = trimmedBy(row);
    expected = headOf(row);
    previous = row;
    entries += 1;
  }
  return { ok: true, entries, trimmed, lastHash: previous?.hash ?? undefined };
}
