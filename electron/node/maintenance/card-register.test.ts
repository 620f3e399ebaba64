// The register of kept cards in a real kiosk database: what a release needs, when an unclaimed
// card is flagged (by Japan date, at the configured number of days), that records survive the
// database being closed and opened again, and the retain unit reconciled against the records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromTokyo } from '../hours/tokyo-time.ts';
import { openKioskDatabase, type KioskDatabase } from '../storage/kiosk-database.ts';
import { CardRegister } from './card-register.ts';
import { keptCardView, reconcile } from './kept-cards.ts';

const folders: string[] = [];
const open: KioskDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function database(path?: string): { db: KioskDatabase; path: string } {
  let file = path;
  if (!file) {
    const folder = mkdtempSync(join(tmpdir(), 'kept-cards-'));
    folders.push(folder);
    file = join(folder, 'kiosk.sqlite');
  }
  const db = openKioskDatabase(file);
  open.push(db);
  return { db, path: file };
}

/** A clock the test moves. */
function clock(start: Date): { now: () => Date; set: (at: Date) => void } {
  let at = start;
  return { now: () => at, set: (next) => (at = next) };
}

const KEPT_AT = fromTokyo(2026, 11, 24, 14, 5);
const keeping = { session: 'a3f9c1d2-77b0-4c1e-9a51-0d2e6b8f4c11', cardHash: '5be0c2a91f7d3e64', reason: 'not-taken' } as const;

describe('giving a kept card back', () => {
  it('needs an identity check (who, how, when) and the approval of another staff member', () => {
    const time = clock(KEPT_AT);
    const register = new CardRegister(database().db, time.now);
    const { id } = register.keep(keeping, 1);
    time.set(fromTokyo(2026, 11, 24, 16, 0));
    const checkedAt = fromTokyo(2026, 11, 24, 15, 55).toISOString();
    const check = { checkedBy: '2001', method: 'driving-licence', checkedAt } as const;

    expect(register.release(id, {}, '1001')).toEqual({ ok: false, error: 'no-identity-check' });
    expect(register.release(id, { checkedBy: '2001', checkedAt }, '1001')).toEqual({ ok: false, error: 'no-identity-check' });
    expect(register.release(id, { ...check, checkedAt: fromTokyo(2026, 11, 24, 16, 30).toISOString() }, '1001')).toEqual({
      ok: false,
      error: 'check-in-future',
    });
    expect(register.release(id, { ...check, checkedAt: fromTokyo(2026, 11, 24, 13, 0).toISOString() }, '1001')).toEqual({
      ok: false,
      error: 'check-before-kept',
    });
    expect(register.release(id, check, undefined)).toEqual({ ok: false, error: 'no-approval' });
    expect(register.release(id, check, '2001')).toEqual({ ok: false, error: 'same-person' });
    expect(register.get(id)?.status).toBe('open');

    expect(register.release(id, check, '1001')).toEqual({ ok: true });
    expect(register.get(id)).toMatchObject({
      status: 'released',
      closedAt: fromTokyo(2026, 11, 24, 16, 0).toISOString(),
      release: { checkedBy: '2001', method: 'driving-licence', checkedAt, approvedBy: '1001' },
    });
    // Once given back, not a second time.
    expect(register.release(id, check, '1001')).toEqual({ ok: false, error: 'not-open' });
    expect(register.release('kc-000000', check, '1001')).toEqual({ ok: false, error: 'not-found' });
  });
});

describe('unclaimed cards', () => {
  it('are flagged for the lost-property procedure once the configured number of Japan days has passed', () => {
    const time = clock(KEPT_AT);
    const register = new CardRegister(database().db, time.now);
    const card = register.keep(keeping, 1);
    const status = (at: Date, days: number): string => keptCardView(card, at, days).status;
    // Kept on the 24th (Japan): the 7th day after is 1 December, from midnight Japan time.
    expect(status(fromTokyo(2026, 11, 30, 23, 59), 7)).toBe('open');
    expect(status(fromTokyo(2026, 12, 1, 0, 0), 7)).toBe('flagged');
    expect(keptCardView(card, fromTokyo(2026, 12, 1, 0, 0), 7).ageDays).toBe(7);
    // The threshold is the branch's.
    expect(status(fromTokyo(2026, 12, 1, 0, 0), 14)).toBe('open');
    // A card given back is never flagged.
    time.set(fromTokyo(2026, 11, 25, 10, 0));
    register.release(card.id, { checkedBy: '2001', method: 'passport', checkedAt: fromTokyo(2026, 11, 25, 9, 58).toISOString() }, '1001');
    const released = register.get(card.id);
    if (!released) throw new Error('the record is gone');
    expect(keptCardView(released, fromTokyo(2026, 12, 24, 0, 0), 7).status).toBe('released');
  });
});

describe('the register', () => {
  it('keeps its records across the database being closed and opened again, one per session', () => {
    const { db, path } = database();
    const register = new CardRegister(db, () => KEPT_AT);
    const first = register.keep(keeping, 1);
    expect(register.keep(keeping, 1).id).toBe(first.id);
    register.keep({ session: undefined, cardHash: undefined, reason: 'left-behind' });
    db.close();
    open.splice(open.indexOf(db), 1);
    const reopened = new CardRegister(database(path).db, () => KEPT_AT);
    expect(reopened.all()).toHaveLength(2);
    expect(reopened.get(first.id)).toEqual(first);
    expect(reopened.unit()).toEqual({ count: 1, fill: 1 });
  });

  it('reconciles the retain unit’s count with the records of its current filling', () => {
    const register = new CardRegister(database().db, () => KEPT_AT);
    expect(reconcile(register.unit(), register.all())).toEqual({ binCount: undefined, recorded: 0, matches: undefined });
    register.keep({ ...keeping, session: 's-1' }, 1);
    register.keep({ ...keeping, session: 's-2' }, 2);
    expect(reconcile(register.unit(), register.all())).toEqual({ binCount: 2, recorded: 2, matches: true });
    // A card captured while the kiosk could not record it: the count runs ahead of the records.
    register.keep({ ...keeping, session: 's-3' }, 4);
    expect(reconcile(register.unit(), register.all())).toEqual({ binCount: 4, recorded: 3, matches: false });
    // The unit emptied: its count starts again, and so does the reconciliation.
    register.keep({ ...keeping, session: 's-4' }, 1);
    expect(reconcile(register.unit(), register.all())).toEqual({ binCount: 1, recorded: 1, matches: true });
  });
});
