// The session machine's context, events and the outcomes of its actors.
import type { InformationItem } from '../../common/income-items.ts';
import type { Agreement, Consent } from '../gateway/gateway-schemas.ts';
import type { Language, UiEvent } from '../../common/ui-events.ts';
import type { ScreenView } from '../../common/view-model.ts';
import type { PinEntry } from './pin-entry.ts';

/**
 * Why a card cannot be used, as the customer is told. Faults of the card itself are told
 * apart by what the customer can do about them:
 * - 'mute': no usable answer from the contacts (no ATR, no connection, the exchange failed at
 *   the reader) right after insertion: most often inserted the wrong way round; insert again.
 * - 'not-my-number-card': it answers, but has no JPKI AP or is not a card token (smartphone apart).
 * - 'damaged': it answers, but not as a My Number card does (garbled certificate, unexpected
 *   status words): trying again will not help; the 市区町村 can check or replace it.
 * - 'unresponsive': it answered at first, then stopped answering a command (read, VERIFY, SIGN).
 */
export type CardProblem =
  'not-my-number-card' | 'smartphone' | 'expired' | 'not-yet-valid' | 'revoked' | 'untrusted' | 'mute' | 'damaged' | 'unresponsive';

/**
 * `handle` names this session's hold on the card: every later card operation must present
 * it, so that an operation of an ended session can never touch the next customer's card.
 */
export type CardInspection =
  | { readonly kind: 'ready'; readonly pinTriesLeft: number; readonly fingerprint: string; readonly handle: string }
  | { readonly kind: 'pin-blocked'; readonly fingerprint: string; readonly handle: string }
  | { readonly kind: 'problem'; readonly problem: CardProblem }
  | { readonly kind: 'card-lost' }
  /** The reader (or its service) went away: whether the card is still in it, nobody can tell. */
  | { readonly kind: 'reader-lost' };

export type AuthenticationOutcome =
  /** `processId`: マイナポータル's processing id of the retrieval, recorded so a receipt leads to it. */
  | { readonly kind: 'authenticated'; readonly retrievalId: string; readonly processId: string }
  | { readonly kind: 'wrong-pin'; readonly triesLeft: number }
  | { readonly kind: 'pin-blocked' }
  /** The card's verified PIN was lost (a reset): the customer must enter it again. */
  | { readonly kind: 'pin-required' }
  | { readonly kind: 'problem'; readonly problem: CardProblem }
  | { readonly kind: 'outside-hours'; readonly nextAvailableAt: string | undefined }
  | { readonly kind: 'gateway-error'; readonly retryable: boolean }
  | { readonly kind: 'card-lost' }
  | { readonly kind: 'reader-lost' };

export type RetrievalOutcome =
  /** `heldUntil`: until when the gateway holds the retrieval for the customer's consent. */
  | { readonly kind: 'ready'; readonly items: readonly InformationItem[]; readonly heldUntil: string }
  | { readonly kind: 'failed'; readonly reason: RetrievalProblem; readonly retryable: boolean };

/**
 * 'not-registered': the customer has no マイナポータル account (利用者登録); 'refused':
 * マイナポータル refused the request. Both are final: the customer is told what to do instead.
 */
export type RetrievalProblem = 'no-information' | 'unavailable' | 'timeout' | 'not-registered' | 'refused';

export type CardCheck =
  | { readonly kind: 'same' }
  | { readonly kind: 'swapped' }
  /** The card inside stopped answering when asked to sign at 確認. */
  | { readonly kind: 'problem'; readonly problem: 'unresponsive' }
  | { readonly kind: 'card-lost' }
  | { readonly kind: 'reader-lost' };

export type SubmissionOutcome =
  | { readonly kind: 'delivered'; readonly receiptId: string }
  /**
   * Stored encrypted and retried in the background until the bank acknowledges it, or until
   * the gateway stops holding the retrieval (`until`): then it is deleted unprovided.
   * `reference`: the kiosk's own number for it, for the customer to quote.
   */
  | { readonly kind: 'queued'; readonly reference: string; readonly until: string }
  /** Not provided (could not be stored, or refused for good): the customer is told to ask staff. */
  | { readonly kind: 'failed' };

/** Why a receipt slip did not come out (the printer's own words are in the log). */
export type PrintFailure = 'printer-stopped' | 'not-printed-in-time' | 'rejected' | 'error';

export type ReceiptPrintOutcome =
  | { readonly kind: 'printed' }
  | { readonly kind: 'failed'; readonly reason: PrintFailure }
  /** Nothing to print: no printer, or no receipt number. */
  | { readonly kind: 'none' };

export type AvailabilityCheck = { readonly available: true } | { readonly available: false; readonly nextAvailableAt: string | undefined };

/** 'expired': 確認 came after the gateway stopped holding the retrieval; nothing was provided. */
export type EndReason = 'cancelled' | 'declined' | 'timeout' | 'error' | 'expired';

/** Why the kiosk is out of service. */
export type OutOfServiceReason = 'no-reader' | 'gateway-down' | 'operator';

/** Events from the kiosk's own devices and services, never from the touchscreen. */
export type DeviceEvent =
  | { readonly type: 'READER'; readonly available: boolean }
  | { readonly type: 'CARD_INSERTED' }
  /** `outage`: reported because the reader or card service went away; the card may still be inside. */
  | { readonly type: 'CARD_REMOVED'; readonly outage: boolean }
  /**
   * The card left while it had to be held (desk reader). `outage`: not seen leaving, the reader
   * or its service went away, and the card may still be in it.
   */
  | { readonly type: 'HELD_CARD_REMOVED'; readonly outage: boolean }
  | { readonly type: 'CARD_TAKEN' }
  | { readonly type: 'GATEWAY'; readonly up: boolean }
  /** The screen went away (the renderer crashed or hung, the browser host's screen disconnected). */
  | { readonly type: 'SCREEN_LOST' }
  | { readonly type: 'OPERATOR'; readonly enabled: boolean }
  /** The gateway confirmed that it deleted this retrieval (the durable deletion). */
  | { readonly type: 'RETRIEVAL_DELETED'; readonly retrievalId: string }

  /** The headset jack: a headset plugged in (assisted mode for the session) or pulled out. */
  | { readonly type: 'HEADSET'; readonly plugged: boolean };

/** The customer's consent on the review screen (図3.3-6), as evidenced: when, and to which statement. */
export type ConsentEvidence = Pick<Consent, 'consentedAt' | 'textVersion'>;

/**
 * The screen's events as the session receives them: 同意して進む (図3.3-3) and 確認 (図3.3-6)
 * carry their evidence, stamped by the kiosk core from the view on screen when they arrived
 * (consent-evidence.ts): the moment, and the version of the statement the customer read.
 */
export type CustomerEvent =
  | Exclude<UiEvent, { readonly type: 'AGREE' | 'CONFIRM' | 'CANCEL' }>
  /** 取消, with the screen it was pressed on as the kiosk showed it (for the day's counters by screen). */
  | (Extract<UiEvent, { readonly type: 'CANCEL' }> & { readonly screen?: ScreenView['screen'] })
  | (Extract<UiEvent, { readonly type: 'AGREE' }> & Agreement)
  | (Extract<UiEvent, { readonly type: 'CONFIRM' }> & ConsentEvidence);

export type SessionEvent = CustomerEvent | DeviceEvent;

type WorkingTask = Extract<ScreenView, { readonly screen: 'working' }>['task'];

/**
 * The screen a state shows: every state the customer can see has exactly one (checked over
 * every reachable state by the model test), and the view draws the screen by it, never by a
 * state's name.
 */
export type ScreenTag = `screen:${Exclude<ScreenView['screen'], 'working'>}` | `screen:working:${WorkingTask}`;

/**
 * Facts that hold in every state so tagged, for whoever needs them without naming states:
 * - 'cancellable': 取消 ends the session here (the view shows it where it is a real choice).
 * - 'notice': says why the session cannot go on, recorded on entry; its one button ends the
 *   session (the unavailable screen before a card: back to the service choice).
 * - 'holds-card': a card taken in must stay in: pulled out, the session ends as card removed.
 * - 'card-out': the card is being given back, for the customer to take.
 * - 'personal-data': the retrieved items may be held (only from retrieval until submission).
 * - 'submitting': the consented items are being handed over.
 * - 'retrieval-settled': nothing of the session's retrieval is left to delete at the gateway:
 *   it was handed over with consent, or deleted on the way here.
 * - 'card-reminded', 'card-last-call': a returned card has waited a while, or is about to be
 *   captured (left for staff at a desk reader): the customer is called again, then warned.
 */
export type FactTag =
  | 'cancellable'
  | 'notice'
  | 'holds-card'
  | 'card-out'
  | 'personal-data'
  | 'submitting'
  | 'retrieval-settled'
  | 'card-reminded'
  | 'card-last-call';

export type SessionTag = ScreenTag | FactTag;

export interface SessionContext {
  readonly language: Language;
  readonly serviceId: string | undefined;
  /** The PIN, mutable and wipeable: see PinEntry. */
  readonly pin: PinEntry;
  readonly pinTriesLeft: number | undefined;
  readonly lastPinWrong: boolean;
  /** SHA-256 of the card's user-auth certificate: which card signed. */
  readonly cardFingerprint: string | undefined;
  /** This session's hold on the card (see CardInspection). */
  readonly cardHandle: string | undefined;
  /** A card was drawn in for this session and must be given back. */
  readonly cardAccepted: boolean;
  /** The agreement on the confirmation screen (図3.3-3), sent with the retrieval request. */
  readonly agreement: Agreement | undefined;
  readonly retrievalId: string | undefined;
  /** Until when the gateway holds the retrieval for consent: a 確認 after it provides nothing. */
  readonly heldUntil: string | undefined;
  /** The retrieval whose deletion the gateway confirmed (this session's, once it is). */
  readonly retrievalDeleted: string | undefined;
  /** The retrieved personal data: only between retrieval and submission. */
  readonly items: readonly InformationItem[] | undefined;
  /** The review screen reported the last of these items on screen: only then is 確認 taken. */
  readonly reviewSeen: boolean;
  /** The keys (itemKey) of the items consented to. */
  readonly consentedItemKeys: readonly string[] | undefined;
  readonly consent: ConsentEvidence | undefined;
  /** What became of the submission after 確認. */
  readonly submission: SubmissionOutcome | undefined;
  readonly cardProblem: CardProblem | undefined;
  readonly retrievalProblem: { readonly reason: RetrievalProblem | 'gateway'; readonly retryable: boolean } | undefined;
  readonly nextAvailableAt: string | undefined;
  readonly endReason: EndReason | undefined;
  /** The screen 取消 was pressed on, when the session ends so and the host said which. */
  readonly cancelledOn: ScreenView['screen'] | undefined;
  readonly cardLeftBehind: boolean;
  /** A headset is in the jack: outlives sessions, as the card's presence does. */
  readonly headsetPlugged: boolean;
  /** How this customer asked to be served: assisted mode, large text, high contrast. */
  readonly access: { readonly assisted: boolean; readonly largeText: boolean; readonly highContrast: boolean };
  /** Out-of-service inputs: they outlive sessions. */
  readonly readerAvailable: boolean;
  readonly gatewayUp: boolean;
  readonly operatorEnabled: boolean;
}
