// The retained and left-behind cards register (取込カード管理簿) in the kiosk database: every
// card the kiosk kept or that was left behind, until staff give it back to its owner (after an
// identity check and a supervisor's approval) or find it gone. The retain unit's count as the
// reader last reported it is kept beside, for the day close to reconcile against the records.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ID_CHECK_METHODS, KEPT_REASONS, type KeptReason } from '../../common/maintenance/maintenance-view.ts';
import type { KioskDatabase } from '../storage/kiosk-database.ts';
import {
  nextUnit,
  releaseProblem,
  type IdentityCheck,
  type KeptCard,
  type KeptStatus,
  type ReleaseProblem,
  type RetainUnit,
} from './kept-cards.ts';

const UNIT_SETTING = 'retain-unit';
const UnitSchema = z.object({ count: z.number().int().min(0), fill: z.number().int().min(1) });

interface Row {
  id: string;
  kept_at: string;
  session: string | null;
  card_hash: string | null;
  reason: string;
  bin_position: number | null;
  bin_fill: number | null;
  status: string;
  closed_at: string | null;
  closed_by: string | null;
  checked_by: string | null;
  check_method: string | null;
  checked_at: string | null;
  approved_by: string | null;
}

const KeptReasonSchema = z.enum(KEPT_REASONS);
const MethodSchema = z.enum(ID_CHECK_METHODS);
const StatusSchema = z.enum(['open', 'released', 'not-found']);

function cardOf(row: Row): KeptCard {
  const method = MethodSchema.safeParse(row.check_method);
  return {
    id: row.id,
    keptAt: row.kept_at,
    session: row.session ?? undefined,
    cardHash: row.card_hash ?? undefined,
    reason: KeptReasonSchema.catch('left-behind').parse(row.reason),
    binPosition: row.bin_position ?? undefined,
    binFill: row.bin_fill ?? undefined,
    status: StatusSchema.catch('open').parse(row.status),
    closedAt: row.closed_at ?? undefined,
    closedBy: row.closed_by ?? undefined,
    release:
      row.checked_by && method.success && row.checked_at && row.approved_by
        ? { checkedBy: row.checked_by, method: method.data, checkedAt: row.checked_at, approvedBy: row.approved_by }
        : undefined,
  };
}

/** What the kiosk knows of a card it kept: its session, its keyed hash, why, and where in the unit. */
export interface Keeping {
  readonly session: string | undefined;
  readonly cardHash: string | undefined;
  readonly reason: KeptReason;
}

export type CloseResult = { readonly ok: true } | { readonly ok: false; readonly error: ReleaseProblem | 'not-found' };

export class CardRegister {
  readonly #db: KioskDatabase;
  readonly #now: () => Date;

  constructor(db: KioskDatabase, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** A card kept or left behind; at most one open record per session (a session keeps one card). */
  keep(keeping: Keeping, binCount?: number): KeptCard {
    const existing = keeping.session ? this.#openOfSession(keeping.session) : undefined;
    if (existing) return existing;
    const unit = binCount === undefined ? this.unit() : this.#countReported(binCount);
    const id = `kc-${randomBytes(6).toString('hex')}`;
    this.#db
      .prepare(
        `INSERT INTO kept_cards (id, kept_at, session, card_hash, reason, bin_position, bin_fill, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open')`,
      )
      .run(
        id,
        this.#now().toISOString(),
        keeping.session ?? null,
        keeping.cardHash ?? null,
        keeping.reason,
        binCount ?? null,
        binCount === undefined ? null : (unit?.fill ?? null),
      );
    const card = this.get(id);
    if (!card) throw new Error('the kept card was not stored');
    return card;
  }

  get(id: string): KeptCard | undefined {
    const row = this.#db.prepare('SELECT * FROM kept_cards WHERE id = ?').get(id) as Row | undefined;
    return row ? cardOf(row) : undefined;
  }

  /** Every record, newest first. */
  all(): KeptCard[] {
    return (this.#db.prepare('SELECT * FROM kept_cards ORDER BY kept_at DESC, rowid DESC').all() as Row[]).map(cardOf);
  }

  /**
   * Gives a card back to its owner: only with a recorded identity check and another staff
   * member's approval (releaseProblem says what is missing).
   */
  release(id: string, check: Partial<IdentityCheck>, approvedBy: string | undefined): CloseResult {
    const card = this.get(id);
    if (!card) return { ok: false, error: 'not-found' };
    const now = this.#now();
    const problem = releaseProblem(card, check, approvedBy, now);
    if (problem) return { ok: false, error: problem };
    this.#db
      .prepare(
        `UPDATE kept_cards SET status = 'released', closed_at = ?, closed_by = ?, checked_by = ?, check_method = ?, checked_at = ?, approved_by = ?
         WHERE id = ? AND status = 'open'`,
      )
      .run(
        now.toISOString(),
        check.checkedBy ?? null,
        check.checkedBy ?? null,
        check.method ?? null,
        check.checkedAt ?? null,
        approvedBy ?? null,
        id,
      );
    return { ok: true };
  }

  /** Staff found no card where the record says one was left (taken by whoever passed). */
  notFound(id: string, staff: string): CloseResult {
    const card = this.get(id);
    if (!card) return { ok: false, error: 'not-found' };
    if (card.status !== 'open') return { ok: false, error: 'not-open' };
    this.#close(id, 'not-found', staff);
    return { ok: true };
  }

  #close(id: string, status: KeptStatus, staff: string): void {
    this.#db
      .prepare('UPDATE kept_cards SET status = ?, closed_at = ?, closed_by = ? WHERE id = ?')
      .run(status, this.#now().toISOString(), staff, id);
  }

  #openOfSession(session: string): KeptCard | undefined {
    const row = this.#db.prepare("SELECT * FROM kept_cards WHERE session = ? AND status = 'open'").get(session) as Row | undefined;
    return row ? cardOf(row) : undefined;
  }

  /** The retain unit as the reader last reported it; undefined where it never did. */
  unit(): RetainUnit | undefined {
    const row = this.#db.prepare('SELECT value FROM settings WHERE name = ?').get(UNIT_SETTING) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      const parsed = UnitSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  #countReported(count: number): RetainUnit {
    const unit = nextUnit(this.unit(), count);
    this.#db
      .prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value')
      .run(UNIT_SETTING, JSON.stringify(unit));
    return unit;
  }
}
