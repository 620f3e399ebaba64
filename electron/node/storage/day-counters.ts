// The day's counters (日計) by Japan calendar day and by service, and the sessions of each day
// by outcome, from the audit trail's records alone: the trail is the one record of what
// happened, so the counters cannot disagree with it. Pure: it reads records as
// AuditTrail.recordsForCounting() returns them.
//
// A customer session counts on the day it started (in Japan), whenever its records were
// written: one that runs past midnight is its first day's, so each day's outcomes add up to its
// sessions. Its service is the last one it chose. The courier's later records (a queued
// submission delivered, expired or rejected) count on their own day, for the service of the
// session that queued them; a submission the bank refused or let expire while the session was
// still sending it names no session, and counts under NO_SERVICE.
import { toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';
import type { AuditRecord } from './audit-trail.ts';

/** The service of what no service can be told for: a session that chose none, a card left at start-up. */
export const NO_SERVICE = '(none)';

/** A reason or screen the trail does not say (records from before it was recorded). */
export const UNKNOWN = '(unknown)';

export interface DayCounters {
  readonly sessionsStarted: number;
  /** Sessions that reached 取引完了. */
  readonly completed: number;
  /** 中止する on the review screen. */
  readonly declined: number;
  /** 取消, by the screen it was pressed on. */
  readonly cancelled: Readonly<Record<string, number>>;
  /** Ended by the idle warning's countdown. */
  readonly timedOut: number;
  /** Sessions told retrieval is not possible now (outside hours, or マイナポータル said so). */
  readonly unavailable: number;
  /** Failed retrievals (each attempt: a retry may fail again), by reason. */
  readonly retrievalFailures: Readonly<Record<string, number>>;
  /** Wrong PIN entries. */
  readonly pinFailed: number;
  /** Sessions whose card's PIN was (or became) blocked. */
  readonly pinBlocked: number;
  /** Cards refused, by reason. */
  readonly cardErrors: Readonly<Record<string, number>>;
  readonly cardSwapped: number;
  readonly cardRemoved: number;
  /** The reader or its service went away while it held the card. */
  readonly readerLost: number;
  /** Acknowledged by the bank: at once in the session, or later by the courier. */
  readonly submissionsDelivered: number;
  /** Stored and sent in the background, the customer given the kiosk's reference. */
  readonly submissionsQueued: number;
  readonly submissionsExpired: number;
  readonly submissionsRejected: number;
  readonly cardsRetained: number;
  readonly cardsLeftBehind: number;
}

export interface DayCount {
  /** The Japan date, "2026-11-24". */
  readonly date: string;
  readonly total: DayCounters;
  /** By service id (NO_SERVICE for what no service can be told for); only services with a count. */
  readonly services: Readonly<Record<string, DayCounters>>;
}

/** How a customer session ended. */
export type SessionOutcome = 'completed' | 'declined' | 'cancelled' | 'timed-out' | 'unavailable' | 'failed' | 'unfinished';

export const SESSION_OUTCOMES: readonly SessionOutcome[] = [
  'completed',
  'declined',
  'cancelled',
  'timed-out',
  'unavailable',
  'failed',
  'unfinished',
];

export type OutcomeDay = { readonly date: string } & Readonly<Record<SessionOutcome, number>>;

type Mutable = { -readonly [K in keyof DayCounters]: DayCounters[K] extends number ? number : Record<string, number> };

/** A day with nothing counted yet. */
export const emptyCounters = (): Mutable => ({
  sessionsStarted: 0,
  completed: 0,
  declined: 0,
  cancelled: {},
  timedOut: 0,
  unavailable: 0,
  retrievalFailures: {},
  pinFailed: 0,
  pinBlocked: 0,
  cardErrors: {},
  cardSwapped: 0,
  cardRemoved: 0,
  readerLost: 0,
  submissionsDelivered: 0,
  submissionsQueued: 0,
  submissionsExpired: 0,
  submissionsRejected: 0,
  cardsRetained: 0,
  cardsLeftBehind: 0,
});

type Counted = { [K in keyof Mutable]: Mutable[K] extends number ? K : never }[keyof Mutable];
type ByReason = { [K in keyof Mutable]: Mutable[K] extends number ? never : K }[keyof Mutable];

/** What one record adds: a counter, or a counter by reason; `once` counts a session only once. */
type Tally = { readonly counter: Counted; readonly once?: true } | { readonly byReason: ByReason; readonly reason: string };

const text = (record: AuditRecord, key: string): string | undefined => {
  const value = record.detail?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The Japan date of an instant as the trail records it. */
export const tokyoDateOf = (at: string): string => tokyoDateKey(toTokyo(new Date(at)));

/** What a record of a customer session adds to the counters. */
function sessionTally(record: AuditRecord, screenLost: boolean): Tally | undefined {
  switch (record.event) {
    case 'session-started':
      return { counter: 'sessionsStarted', once: true };
    case 'session-completed':
      return { counter: 'completed', once: true };
    case 'session-ended':
      switch (text(record, 'reason')) {
        case 'declined':
          return { counter: 'declined' };
        case 'timeout':
          return { counter: 'timedOut' };
        case 'cancelled':
          return { byReason: 'cancelled', reason: text(record, 'screen') ?? (screenLost ? 'screen-lost' : UNKNOWN) };
        default:
          return undefined;
      }
    case 'service-unavailable':
      return { counter: 'unavailable', once: true };
    case 'retrieval-failed':
      return { byReason: 'retrievalFailures', reason: text(record, 'reason') ?? UNKNOWN };
    case 'pin-failed':
      return { counter: 'pinFailed' };
    case 'pin-blocked':
      return { counter: 'pinBlocked', once: true };
    case 'card-rejected':
      return { byReason: 'cardErrors', reason: text(record, 'reason') ?? UNKNOWN };
    case 'card-swapped':
      return { counter: 'cardSwapped', once: true };
    case 'card-removed':
      return { counter: 'cardRemoved', once: true };
    case 'reader-lost':
      return { counter: 'readerLost', once: true };
    case 'submitted':
      return { counter: 'submissionsDelivered', once: true };
    case 'submission-queued':
      return { counter: 'submissionsQueued', once: true };
    // Recorded again when the completion screen hands over to the left-behind notice: one card.
    case 'card-retained':
      return { counter: 'cardsRetained', once: true };
    case 'card-left-behind':
      return { counter: 'cardsLeftBehind', once: true };
    default:
      return undefined;
  }
}

/** What a record of the kiosk's background work adds; `reference` ties it to a queued submission. */
function backgroundTally(record: AuditRecord, queued: ReadonlyMap<string, string>): Tally | undefined {
  const reference = text(record, 'reference');
  switch (record.event) {
    // Without a queued session it was delivered at once: the session's `submitted` counted it.
    case 'submission-delivered':
      return reference !== undefined && queued.has(reference) ? { counter: 'submissionsDelivered' } : undefined;
    case 'submission-expired':
      return { counter: 'submissionsExpired' };
    case 'submission-rejected':
      return { counter: 'submissionsRejected' };
    // A card found in the reader at start-up and not taken belongs to nobody's session.
    case 'card-retained':
      return { counter: 'cardsRetained' };
    case 'card-left-behind':
      return { counter: 'cardsLeftBehind' };
    default:
      return undefined;
  }
}

function add(counters: Mutable, tally: Tally): void {
  if ('counter' in tally) counters[tally.counter] += 1;
  else counters[tally.byReason][tally.reason] = (counters[tally.byReason][tally.reason] ?? 0) + 1;
}

interface Session {
  readonly day: string;
  readonly service: string;
  readonly records: readonly AuditRecord[];
}

/** The customer sessions among the records, each with its day (where it started) and service. */
function sessionsOf(records: readonly AuditRecord[]): Map<string, Session> {
  const grouped = Map.groupBy(
    records.filter((record) => record.session !== null),
    (record) => record.session ?? '',
  );
  const sessions = new Map<string, Session>();
  for (const [id, own] of grouped) {
    const started = own.find((record) => record.event === 'session-started');
    if (!started) continue;
    const chosen = own.findLast((record) => record.event === 'service-selected');
    sessions.set(id, { day: tokyoDateOf(started.at), service: (chosen && text(chosen, 'serviceId')) ?? NO_SERVICE, records: own });
  }
  return sessions;
}

/** The counters of each of `dates` (Japan dates), in total and by service. */
export function countDays(records: readonly AuditRecord[], dates: readonly string[]): DayCount[] {
  const days = new Map(dates.map((date) => [date, { total: emptyCounters(), services: new Map<string, Mutable>() }]));
  const bump = (date: string, service: string, tally: Tally): void => {
    const day = days.get(date);
    if (!day) return;
    add(day.total, tally);
    const counters = day.services.get(service) ?? emptyCounters();
    day.services.set(service, counters);
    add(counters, tally);
  };
  const sessions = sessionsOf(records);
  const queued = new Map<string, string>();
  for (const session of sessions.values()) {
    const seen = new Set<string>();
    const screenLost = session.records.some((record) => record.event === 'screen-lost');
    for (const record of session.records) {
      if (record.event === 'submission-queued') {
        const reference = text(record, 'reference');
        if (reference !== undefined) queued.set(reference, session.service);
      }
      const tally = sessionTally(record, screenLost);
      if (!tally || ('once' in tally && seen.has(record.event))) continue;
      seen.add(record.event);
      bump(session.day, session.service, tally);
    }
  }
  for (const record of records) {
    if (record.session !== null) continue;
    const tally = backgroundTally(record, queued);
    const reference = text(record, 'reference');
    if (tally) bump(tokyoDateOf(record.at), (reference !== undefined && queued.get(reference)) || NO_SERVICE, tally);
  }
  return [...days].map(([date, { total, services }]) => ({
    date,
    total,
    services: Object.fromEntries([...services].sort(([a], [b]) => a.localeCompare(b))),
  }));
}

/** How a session ended, from its own records. */
export function outcomeOf(records: readonly AuditRecord[]): SessionOutcome {
  if (records.some((record) => record.event === 'session-completed')) return 'completed';
  const ended = records.find((record) => record.event === 'session-ended');
  if (!ended) return 'unfinished';
  switch (text(ended, 'reason')) {
    case 'declined':
      return 'declined';
    case 'cancelled':
      return 'cancelled';
    case 'timeout':
      return 'timed-out';
    default: {
      // The unavailable notice's own way out (its button, its timer) is the end of an unavailable session.
      const notices = records.filter((record) => record.seq < ended.seq && NOTICES.has(record.event));
      return notices.at(-1)?.event === 'service-unavailable' ? 'unavailable' : 'failed';
    }
  }
}

/** The records that put a notice on screen, which ends the session by its button or its timer. */
const NOTICES = new Set([
  'service-unavailable',
  'card-rejected',
  'pin-blocked',
  'retrieval-failed',
  'card-removed',
  'card-swapped',
  'reader-lost',
]);

/** The sessions started on each of `dates` by outcome (for the 14-day chart). */
export function outcomesByDay(records: readonly AuditRecord[], dates: readonly string[]): OutcomeDay[] {
  const days = new Map(dates.map((date) => [date, Object.fromEntries(SESSION_OUTCOMES.map((outcome) => [outcome, 0]))]));
  for (const session of sessionsOf(records).values()) {
    const day = days.get(session.day);
    if (day) day[outcomeOf(session.records)] = (day[outcomeOf(session.records)] ?? 0) + 1;
  }
  return [...days].map(([date, counts]) => ({ date, ...(counts as Record<SessionOutcome, number>) }));
}
