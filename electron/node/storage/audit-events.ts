// The audit trail's vocabulary: every event the kiosk records, with the detail it carries.
// One list for the session, the courier and the kiosk, so that a record nobody reads, or a
// misspelt one, does not compile. Details are protocol facts and outcomes, never personal
// data (a card appears only as the trail's keyed hash, added by the recorder).
import type { MechanicsFault } from '../../../native/reader/card-mechanics.ts';
import type { MaintenanceAction, SelfTestRun, StaffRole } from '../../common/maintenance/maintenance-view.ts';
import type { Language } from '../../common/ui-events.ts';
import type { ScreenView } from '../../common/view-model.ts';
import type { ChainProblem } from './audit-chain.ts';
import type { CardProblem, EndReason, OutOfServiceReason, PrintFailure, RetrievalProblem } from '../session/session-types.ts';

type ScreenName = ScreenView['screen'];

/** An event that says everything by its name. */
type NoDetail = object;

interface AuditEvents {
  // The kiosk.
  /** `pending`: submissions waiting in the outbox; `deletions`: retrievals whose deletion the gateway has not confirmed yet. */
  'kiosk-started': { readonly pending: number; readonly deletions: number };
  /** A session actor failed: the kiosk wiped it and started a fresh one. */
  'session-crashed': NoDetail;
  /** The card reader needs staff (jammed, retain unit full, the device gone). */
  'reader-fault': { readonly fault: MechanicsFault; readonly binCount?: number };
  /** The configured reader went away (its service down, or the reader itself detached). */
  'reader-unavailable': NoDetail;
  /**
   * The reader is back, and what had made it unavailable: its service (pcscd, the card service
   * process, the reader device's service) was down, or only the reader was detached. (A service
   * going down reports its readers detached first, so the cause is known only at the end.)
   */
  'reader-available': { readonly cause: 'service' | 'detached' };

  // The audit trail itself (audit-chain.ts).
  /** The entries written before the trail was chained were chained, in order (once, on upgrade). */
  'audit-chained': { readonly entries: number };
  /** Entries older than the retention were removed; `through` is the newest one's time. A checkpoint heads the trail. */
  'audit-trimmed': { readonly trimmed: number; readonly through: string };
  /** Trimming found the chain broken at entry `seq` and removed nothing. */
  'audit-chain-broken': { readonly seq: number; readonly problem: ChainProblem };
  /** The entries recorded from `from` to `to` (Japan dates) were exported. */
  'audit-exported': { readonly from: string; readonly to: string; readonly entries: number };

  // A customer's session (the session machine).
  'session-started': NoDetail;
  'service-selected': { readonly serviceId: string };
  /** 同意して進む on the confirmation screen (図3.3-3): to the statement of this version, in this language. */
  agreed: { readonly textVersion: string; readonly language: Language };
  /** Outside operating hours, or マイナポータル said so when asked (the unavailable screen). */
  'service-unavailable': NoDetail;
  'card-inserted': NoDetail;
  'card-rejected': { readonly reason: CardProblem };
  'pin-failed': { readonly triesLeft: number };
  'pin-blocked': NoDetail;
  /** The gateway's retrieval id and マイナポータル's processing id: what a receipt is traced back to. */
  authenticated: { readonly retrieval: string; readonly process: string };
  'retrieval-failed': { readonly reason: RetrievalProblem | 'gateway' };
  'card-removed': NoDetail;
  /** The reader or its service went away while it held the customer's card: the session ended. */
  'reader-lost': NoDetail;
  'card-swapped': NoDetail;
  /**
   * 確認 refused: before the review screen reported its last item on screen ('not-seen'), or
   * for items it did not show ('not-shown'): the customer stays on the review screen. Or after
   * the gateway stopped holding the retrieval ('expired'): the session ends, nothing provided.
   */
  'consent-refused': { readonly reason: 'not-seen' | 'not-shown' | 'expired' };
  /** 確認 on the review screen (図3.3-6): to the statement of this version, in this language. */
  'consent-given': { readonly textVersion: string; readonly language: Language };
  'consent-declined': NoDetail;
  /** The bank acknowledged the submission at once: its receipt. */
  submitted: { readonly receipt: string };
  /** Stored and being sent in the background: the kiosk's reference the customer was given. */
  'submission-queued': { readonly reference: string };
  'submission-failed': NoDetail;
  'card-returned': NoDetail;
  'card-retained': NoDetail;
  'card-left-behind': NoDetail;
  /** `screen`: where 取消 was pressed, for a session cancelled from a screen the kiosk showed. */
  'session-ended': { readonly reason: EndReason; readonly screen?: ScreenName };
  /** The screen went away (the renderer crashed or hung): the session ends as on 取消 where it still can. */
  'screen-lost': NoDetail;
  'session-completed': NoDetail;
  /** The receipt slip (no personal data on it) came out of the printer, or did not. */
  'receipt-printed': NoDetail;
  'receipt-print-failed': { readonly reason: PrintFailure };
  /** Nobody can be served now, and why (the reason the out-of-service screen gives). */
  'out-of-service': { readonly reason: OutOfServiceReason };

  // Consented submissions on their way to the bank (the courier); `id` is the outbox row's,
  // `reference` the kiosk's number the customer was given (see submission-queued).
  'submission-delivered': { readonly id: string; readonly reference: string; readonly receipt: string; readonly attempts: number };
  /** Refused by the bank for a reason that may pass (kept and re-sent). */
  'submission-refused': { readonly id: string; readonly reason: string; readonly attempts: number };
  /** Refused for good: the submission itself is wrong, and deleted. */
  'submission-rejected': { readonly id: string; readonly reference: string; readonly reason: string };
  /**
   * Deleted undelivered, for good: the gateway no longer holds its retrieval ('expired',
   * 'not-found', or 'held-until-passed' by the kiosk's clock), or it was kept past the retention.
   */
  'submission-expired': { readonly id: string; readonly reference: string; readonly reason: string };
  /** Deleted undelivered by staff, with a second staff member's approval and why (staff-action has who). */
  'submission-purged': { readonly id: string; readonly reference: string; readonly reason: string };
  /** Cannot be decrypted: never sent, kept for staff within the retention. */
  'submission-unreadable': { readonly id: string };

  // Retrievals deleted at the gateway after a session that ended unprovided (the deleter).
  /** The gateway confirmed the deletion, after this many attempts. */
  'retrieval-deleted': { readonly retrieval: string; readonly attempts: number };
  // The maintenance menu: every sign-in attempt and staff action, by staff number (never a PIN).
  'maintenance-opened': NoDetail;
  /** The service key was turned while a customer's card was held: the menu stayed closed. */
  'maintenance-refused': NoDetail;
  /** … and staff asked for it once that customer has finished. */
  'maintenance-deferred': NoDetail;
  'maintenance-closed': { readonly reason: 'key' | 'idle' | 'staff' | 'stopping' };
  /** A sign-in, or a second staff member's approval of a marked action (二人制). */
  'staff-sign-in': {
    readonly staff: string;
    readonly purpose: 'sign-in' | 'approval';
    readonly outcome: 'signed-in' | 'approved' | 'wrong-pin' | 'locked' | 'throttled' | 'same-person' | 'role';
  };
  /** The fifth wrong PIN in a row: locked until a supervisor unlocks it. */
  'staff-locked': { readonly staff: string };
  /** `subject`: what it was done to (a service, a staff number, a system); `detail`: how, as a code. */
  'staff-action': {
    readonly staff: string;
    readonly action: MaintenanceAction;
    /** 'cancelled': staff gave up on a marked action while it waited for approval. */
    readonly outcome: 'done' | 'failed' | 'refused' | 'cancelled';
    readonly approver?: string;
    readonly subject?: string;
    readonly detail?: string;
  };
  /** The first staff, by the provisioning command on the terminal. */
  'staff-provisioned': { readonly staff: string; readonly role: StaffRole };
  /** `seq`: the audit trail's first broken link, where the run found one. */
  'self-test': { readonly trigger: SelfTestRun['trigger']; readonly passed: boolean; readonly failed?: string; readonly seq?: number };
}

export type AuditEventName = keyof AuditEvents;

/** One record: the event's name with its detail. */
export type AuditEntry = { [E in AuditEventName]: { readonly event: E } & AuditEvents[E] }[AuditEventName];

/** Every name a detail of the vocabulary has, and `card` (the trail's keyed hash). */
type DetailField = { [E in AuditEventName]: keyof AuditEvents[E] }[AuditEventName] | 'card';

/**
 * The detail names the trail keeps (audit-trail.ts drops any other): the types refuse an
 * unknown one at compile time, this at run time, for data that arrives past the types. It
 * must name exactly the vocabulary's fields, or it does not compile.
 */
export const AUDIT_DETAIL_FIELDS: Readonly<Record<DetailField, true>> = {
  pending: true,
  deletions: true,
  fault: true,
  binCount: true,
  cause: true,
  entries: true,
  trimmed: true,
  through: true,
  seq: true,
  problem: true,
  from: true,
  to: true,
  serviceId: true,
  textVersion: true,
  language: true,
  reason: true,
  screen: true,
  triesLeft: true,
  retrieval: true,
  process: true,
  receipt: true,
  reference: true,
  id: true,
  attempts: true,
  // The maintenance menu's.
  staff: true,
  purpose: true,
  outcome: true,
  action: true,
  approver: true,
  subject: true,
  detail: true,
  role: true,
  trigger: true,
  passed: true,
  failed: true,
  card: true,
};
