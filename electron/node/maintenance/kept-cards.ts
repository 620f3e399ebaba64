// The rules of the retained and left-behind cards register (取込カード管理簿), pure: when an
// open card is flagged for the bank's lost-property procedure, what a release needs before a
// card goes back to its owner, and whether the retain unit's count agrees with the records.
import type { BinReconciliation, IdCheckMethod, KeptCardView, KeptReason } from '../../common/maintenance/maintenance-view.ts';
import { fromTokyo, toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';

/** Flagged after this many days unclaimed, unless configured (遺失物法: a facility hands found property to the police within a week). */
export const DEFAULT_UNCLAIMED_DAYS = 7;

export type KeptStatus = 'open' | 'released' | 'not-found';

/** A card as the register stores it: no personal data, the card only as the kiosk's keyed hash. */
export interface KeptCard {
  readonly id: string;
  readonly keptAt: string;
  readonly session: string | undefined;
  readonly cardHash: string | undefined;
  readonly reason: KeptReason;
  readonly binPosition: number | undefined;
  /** Which filling of the retain unit it went into (a count that dropped means the unit was emptied). */
  readonly binFill: number | undefined;
  readonly status: KeptStatus;
  readonly closedAt: string | undefined;
  readonly closedBy: string | undefined;
  readonly release: Release | undefined;
}

/** The identity check staff made before giving a card back: who, how, when. */
export interface IdentityCheck {
  readonly checkedBy: string;
  readonly method: IdCheckMethod;
  readonly checkedAt: string;
}

export interface Release extends IdentityCheck {
  /** The supervisor (役席 or 管理者) who approved it: a second, different staff member. */
  readonly approvedBy: string;
}

export type ReleaseProblem = 'not-open' | 'no-identity-check' | 'check-in-future' | 'check-before-kept' | 'no-approval' | 'same-person';

const STAFF = /^[0-9]{4,8}$/;

/** Whole Japan calendar days from the day it was kept to today. */
export function ageInDays(keptAt: string, now: Date): number {
  const day = (at: Date): number => {
    const [year = 2000, month = 1, date = 1] = tokyoDateKey(toTokyo(at)).split('-').map(Number);
    return fromTokyo(year, month, date, 12).getTime();
  };
  return Math.round((day(now) - day(new Date(keptAt))) / 86_400_000);
}

/** Open, and unclaimed for the configured number of days: for the lost-property procedure. */
export const isFlagged = (card: KeptCard, now: Date, unclaimedDays: number): boolean =>
  card.status === 'open' && ageInDays(card.keptAt, now) >= unclaimedDays;

export function keptCardView(card: KeptCard, now: Date, unclaimedDays: number): KeptCardView {
  const status = isFlagged(card, now, unclaimedDays) ? 'flagged' : card.status;
  return {
    id: card.id,
    keptAt: card.keptAt,
    session: card.session,
    cardHash: card.cardHash,
    reason: card.reason,
    binPosition: card.binPosition,
    status,
    ageDays: ageInDays(card.keptAt, now),
    ...(card.release && card.closedAt ? { released: { at: card.closedAt, ...card.release } } : {}),
  };
}

/**
 * What stands in the way of giving a card back: it must still be held (open or flagged), the
 * owner's identity checked by a signed-in staff member (how, and when: not in the future, not
 * before the card was kept), and the release approved by another staff member.
 */
export function releaseProblem(
  card: KeptCard,
  check: Partial<IdentityCheck>,
  approvedBy: string | undefined,
  now: Date,
): ReleaseProblem | undefined {
  if (card.status !== 'open') return 'not-open';
  const { checkedBy, method, checkedAt } = check;
  if (!checkedBy || !STAFF.test(checkedBy) || !method || !checkedAt || Number.isNaN(Date.parse(checkedAt))) return 'no-identity-check';
  if (Date.parse(checkedAt) > now.getTime()) return 'check-in-future';
  // Staff set the time of the check to the minute.
  if (Date.parse(checkedAt) < Math.floor(Date.parse(card.keptAt) / 60_000) * 60_000) return 'check-before-kept';
  if (!approvedBy || !STAFF.test(approvedBy)) return 'no-approval';
  if (approvedBy === checkedBy) return 'same-person';
  return undefined;
}

/** The retain unit as the reader last reported it, and the filling it is in. */
export interface RetainUnit {
  readonly count: number;
  readonly fill: number;
}

/** A count reported after a retain: a count no higher than the last one means the unit was emptied since. */
export function nextUnit(unit: RetainUnit | undefined, count: number): RetainUnit {
  if (!unit) return { count, fill: 1 };
  return { count, fill: count <= unit.count ? unit.fill + 1 : unit.fill };
}

/** The unit's count against the cards the register put into its current filling. */
export function reconcile(unit: RetainUnit | undefined, cards: readonly KeptCard[]): BinReconciliation {
  if (!unit) return { binCount: undefined, recorded: 0, matches: undefined };
  const recorded = cards.filter((card) => card.binPosition !== undefined && card.binFill === unit.fill).length;
  return { binCount: unit.count, recorded, matches: recorded === unit.count };
}
