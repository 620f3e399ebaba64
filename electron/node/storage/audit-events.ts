// The audit trail's vocabulary: every event the kiosk records, with the detail it carries.
// One list for the session, the courier and the kiosk, so that a record nobody reads, or a
// misspelt one, does not compile. Details are protocol facts and outcomes, never personal
// data (a card appears only as the trail's keyed hash, added by the recorder).
import type { MaintenanceAction, SelfTestRun, StaffRole } from '../../common/maintenance/maintenance-view.ts';
import type { CardProblem, EndReason, RetrievalProblem } from '../session/session-types.ts';

/** An event that says everything by its name. */
type NoDetail = object;

interface AuditEvents {
  // The kiosk.
  'kiosk-started': { readonly pending: number };
  /** A session actor failed: the kiosk wiped it and started a fresh one. */
  'session-crashed': NoDetail;

  // A customer's session (the session machine).
  'session-started': NoDetail;
  'service-selected': { readonly serviceId: string };
  /** Outside operating hours, or マイナポータル said so when asked (the unavailable screen). */
  'service-unavailable': NoDetail;
  'card-inserted': NoDetail;
  'card-rejected': { readonly reason: CardProblem };
  'pin-failed': { readonly triesLeft: number };
  'pin-blocked': NoDetail;
  authenticated: NoDetail;
  'retrieval-failed': { readonly reason: RetrievalProblem | 'gateway' };
  'card-removed': NoDetail;
  'card-swapped': NoDetail;
  /**
   * 確認 refused: before the review screen reported its last item on screen ('not-seen'), or
   * for items it did not show ('not-shown'). The customer stays on the review screen.
   */
  'consent-refused': { readonly reason: 'not-seen' | 'not-shown' };
  'consent-given': NoDetail;
  'consent-declined': NoDetail;
  submitted: NoDetail;
  'submission-queued': NoDetail;
  'submission-failed': NoDetail;
  'card-returned': NoDetail;
  'card-retained': NoDetail;
  'card-left-behind': NoDetail;
  'session-ended': { readonly reason: EndReason };
  'session-completed': NoDetail;
  'out-of-service': NoDetail;

  // Consented submissions on their way to the bank (the courier); `id` is the outbox row's.
  'submission-delivered': { readonly id: string; readonly receipt: string; readonly attempts: number };
  /** Refused by the bank for a reason that may pass (kept and re-sent). */
  'submission-refused': { readonly id: string; readonly reason: string; readonly attempts: number };
  /** Refused for good: the submission itself is wrong, and deleted. */
  'submission-rejected': { readonly id: string; readonly reason: string };
  /** Kept past the retention without being delivered, and deleted. */
  'submission-expired': { readonly id: string; readonly reason: string };
  /** Cannot be decrypted: never sent, kept for staff within the retention. */
  'submission-unreadable': { readonly id: string };

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
  'self-test': { readonly trigger: SelfTestRun['trigger']; readonly passed: boolean; readonly failed?: string };
}

export type AuditEventName = keyof AuditEvents;

/** One record: the event's name with its detail. */
export type AuditEntry = { [E in AuditEventName]: { readonly event: E } & AuditEvents[E] }[AuditEventName];
