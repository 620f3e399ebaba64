// What the menu's records pages show: the 14-day chart of sessions by outcome, the day-close
// report (日計表), a receipt's timeline and the audit export. Counts, dates, service ids, event
// names and codes only: nothing personal leaves the kiosk core through these.

/** How a customer session ended (electron/node/storage/day-counters.ts counts them). */
export const SESSION_OUTCOMES = ['completed', 'declined', 'cancelled', 'timed-out', 'unavailable', 'failed', 'unfinished'] as const;
export type SessionOutcomeName = (typeof SESSION_OUTCOMES)[number];

/** The sessions started on one Japan date, by outcome. */
export type OutcomeDayView = { readonly date: string } & Readonly<Record<SessionOutcomeName, number>>;

/** The day-close report's lines, in the order staff read them (a counter by reason is summed). */
export const DAY_CLOSE_COUNTS = [
  'sessionsStarted',
  'completed',
  'declined',
  'cancelled',
  'timedOut',
  'unavailable',
  'retrievalFailures',
  'pinFailed',
  'pinBlocked',
  'cardErrors',
  'cardSwapped',
  'cardRemoved',
  'readerLost',
  'submissionsDelivered',
  'submissionsQueued',
  'submissionsExpired',
  'submissionsRejected',
  'cardsRetained',
  'cardsLeftBehind',
] as const;
export type DayCloseCount = (typeof DAY_CLOSE_COUNTS)[number];

export interface DayCloseView {
  /** The Japan date, "2026-11-24". */
  readonly date: string;
  readonly counts: Readonly<Record<DayCloseCount, number>>;
  /** Each service with a count that day: its id, sessions started and completed. */
  readonly services: readonly { readonly id: string; readonly started: number; readonly completed: number }[];
  /** Completed sessions of the business year (年度, from 1 April) through the date. */
  readonly yearly: { readonly from: string; readonly completedSessions: number; readonly partial: boolean };
  /** Whether the audit trail the counts come from is intact, or its first broken link. */
  readonly trail: { readonly ok: true } | { readonly ok: false; readonly seq: number; readonly problem: string };
}

/** The configured export folder (config `records.exportFolder`) as the kiosk finds it now. */
export type ExportFolderView =
  | { readonly kind: 'ready'; readonly path: string }
  | { readonly kind: 'not-configured' }
  /** Not there (a removable medium not mounted), not a folder, or the kiosk may not write in it. */
  | { readonly kind: 'missing' | 'not-a-folder' | 'not-writable'; readonly path: string };

/** What became of a print or an export: said on screen as it happened. */
export interface RecordsDelivery {
  /** Printed on the terminal's printer; why not; or undefined when none was tried. */
  readonly printed: { readonly ok: true } | { readonly ok: false; readonly reason: string } | undefined;
  /** The files written into the export folder (names only), or why none were. */
  readonly saved:
    | { readonly ok: true; readonly folder: string; readonly files: readonly string[]; readonly entries?: number }
    | { readonly ok: false; readonly reason: string }
    | undefined;
}

/** One step of a session's timeline (trace-receipt.ts): when, what, and its codes. */
export interface TimelineEntryView {
  readonly at: string;
  readonly event: string;
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

export type ReceiptLookupView =
  | { readonly kind: 'typing' }
  | { readonly kind: 'not-found'; readonly quoted: string }
  | {
      readonly kind: 'found';
      readonly quoted: string;
      readonly service: string | undefined;
      readonly receipt: string | undefined;
      readonly reference: string | undefined;
      readonly timeline: readonly TimelineEntryView[];
    };
