// What the touchscreen shows: one screen at a time, with only what that screen needs. The
// kiosk core projects its session onto this; the renderer draws it and holds nothing else.
// No PIN digit is ever part of it; retrieved items only on the review screen.
import type { InformationItem, LocalizedText } from './income-items.ts';
import type { Language } from './ui-events.ts';
import type { MaintenanceView, OutOfServiceNotice } from './maintenance/maintenance-view.ts';

export interface ServiceSummary {
  readonly id: string;
  readonly name: LocalizedText;
  readonly recipient: LocalizedText;
  readonly purpose: LocalizedText;
  readonly itemLabels: readonly LocalizedText[];
  /** How long the recipient keeps the information, and for what: part of what the customer consents to. */
  readonly retention: { readonly days: number; readonly use: LocalizedText };
}

/** Whether a service can retrieve now (§2.5), and if not, from when. */
export interface ServiceChoice extends ServiceSummary {
  readonly available: boolean;
  readonly nextAvailableAt: string | undefined;
}

/**
 * Whether staff are at the counter now (the branch's staffed hours and bank holidays): a screen
 * that would send the customer to the counter gives the branch's phone number instead when not.
 */
export type CounterView = { readonly staffed: true } | { readonly staffed: false; readonly phone: string };

/** What became of the consented submission, as the completion screen (図3.3-7) tells it. */
export type SubmissionView =
  /** The bank acknowledged it: its receipt number. */
  | { readonly status: 'delivered'; readonly receiptId: string }
  /**
   * Kept on the kiosk (encrypted) and still being sent: the kiosk's own reference for the
   * customer to quote, and the time after which, undelivered, it is deleted unprovided.
   */
  | { readonly status: 'sending'; readonly reference: string; readonly until: string }
  /** Not provided: the customer is sent to the counter. */
  | { readonly status: 'failed' };

/** Why a session ended before consent; 'expired': 確認 came after the gateway stopped holding the information. */
export type EndReasonView = 'cancelled' | 'declined' | 'timeout' | 'error' | 'expired';

/**
 * What became of information obtained for a session that ended unprovided: 'none' when none
 * had arrived; 'requested' while the gateway has not yet confirmed its deletion; 'confirmed' once it has.
 */
export type DeletionView = 'none' | 'requested' | 'confirmed';

/** Why the card cannot be used (see CardProblem in the session types for what each means). */
export type CardProblemView =
  'not-my-number-card' | 'smartphone' | 'expired' | 'not-yet-valid' | 'revoked' | 'untrusted' | 'mute' | 'damaged' | 'unresponsive';

/**
 * No service can retrieve now (operating hours, §2.5): the attract loop and the top screen say
 * so, with the earliest time one can again (undefined: none within the horizon looked at).
 */
export interface ClosedView {
  readonly reopensAt: string | undefined;
}

export type ScreenView =
  | { readonly screen: 'attract'; readonly closed?: ClosedView }
  | {
      readonly screen: 'out-of-service';
      /** `disconnected` is drawn by the screen itself when it has lost its host (browser host). */
      readonly reason: 'no-reader' | 'gateway-down' | 'operator' | 'setup-fault' | 'disconnected';
      /** Taken out of service by staff, a failed self-test or the shell: what the customer reads. */
      readonly notice?: OutOfServiceNotice;
      /** Known where the kiosk core draws it; the screen drawn without the core (setup fault, disconnected) has none. */
      readonly counter?: CounterView;
    }
  | { readonly screen: 'top'; readonly closed?: ClosedView }
  | { readonly screen: 'service-choice'; readonly services: readonly ServiceChoice[] }
  | { readonly screen: 'confirmation'; readonly service: ServiceSummary }
  | {
      readonly screen: 'insert-card';
      readonly service: ServiceSummary;
      /** The reader draws the card in and holds it (motorised); a desk reader's card stays in the customer's reach. */
      readonly readerHoldsCard: boolean;
    }
  | {
      readonly screen: 'pin';
      /** The service the PIN is asked for (図3.3-5 names what it is for at the top). */
      readonly serviceName: LocalizedText;
      readonly digits: number;
      readonly triesLeft: number | undefined;
      readonly lastAttemptWrong: boolean;
      /** The keypad's digits in reading order: 1–9 then 0, or shuffled where the branch chose so. */
      readonly keypad: readonly number[];
      /**
       * The terminal has a number pad of its own (config display.physicalKeypad), so the screen
       * says it can be used; absent or false: no such hint. Keys are accepted either way.
       */
      readonly physicalKeypad?: boolean;
    }
  /** Something is going on: reading the card, checking availability, authenticating, retrieving, checking the card. */
  | { readonly screen: 'working'; readonly task: 'checking-service' | 'reading-card' | 'authenticating' | 'retrieving' | 'checking-card' }
  | { readonly screen: 'review'; readonly service: ServiceSummary; readonly items: readonly InformationItem[] }
  | {
      readonly screen: 'finishing';
      readonly sending: boolean;
      readonly takeCard: boolean;
      /** The card has waited a while (absent: just called for). */
      readonly call?: CardCallView;
    }
  | {
      readonly screen: 'complete';
      readonly submission: SubmissionView;
      readonly counter: CounterView;
      /** The receipt slip, where the terminal has a printer (absent: the screen says nothing of it). */
      readonly slip?: SlipView;
      /** The card was not taken: captured by the reader, or still at a slot that cannot capture it. Said first. */
      readonly card?: 'retained' | 'left-behind';
    }
  | { readonly screen: 'idle-warning'; readonly countdownSeconds: number }
  | { readonly screen: 'unavailable'; readonly nextAvailableAt: string | undefined; readonly counter: CounterView }
  | { readonly screen: 'card-error'; readonly problem: CardProblemView; readonly counter: CounterView }
  | {
      readonly screen: 'pin-blocked';
      /** What the bank offers instead (config pinBlockedAlternative); absent where it configured nothing. */
      readonly alternative?: LocalizedText;
    }
  | {
      readonly screen: 'retrieval-error';
      /**
       * 'not-registered': the customer has no マイナポータル account (利用者登録) yet;
       * 'refused': マイナポータル refused the request. Neither is worth retrying here.
       */
      readonly reason: 'no-information' | 'unavailable' | 'timeout' | 'gateway' | 'not-registered' | 'refused';
      readonly retryable: boolean;
      readonly counter: CounterView;
    }
  | { readonly screen: 'card-removed' }
  /** The card reader stopped responding while it held the card: the session ended, the card is given back. */
  | { readonly screen: 'reader-lost' }
  | { readonly screen: 'card-swapped' }
  | { readonly screen: 'ended'; readonly reason: EndReasonView; readonly deletion: DeletionView }
  | {
      readonly screen: 'returning-card';
      readonly reason: EndReasonView;
      readonly deletion: DeletionView;
      /** The card has waited a while (absent: just called for). */
      readonly call?: CardCallView;
    }
  /**
   * Not a card the kiosk can use: given back. `triesLeft` > 0: the customer is asked for their
   * My Number card again in the same session; 0: that was the last try, the session ends.
   */
  | {
      readonly screen: 'wrong-card';
      readonly problem: WrongCardView;
      readonly triesLeft: number;
      readonly counter: CounterView;
    }
  | { readonly screen: 'card-left-behind'; readonly counter: CounterView }
  /** The reader kept a card nobody took: staff give it back. */
  | { readonly screen: 'card-retained'; readonly counter: CounterView };

export type Calendar = 'japanese' | 'gregorian';

/**
 * A returned card that has not been taken: called again ('reminder'), then warned that it is
 * about to be captured (a motorised reader: 'final-capture') or left for staff (a desk reader,
 * which cannot capture a card: 'final-staff').
 */
export type CardCallView = 'reminder' | 'final-capture' | 'final-staff';

/** Cards the customer can swap for their My Number card. */
export type WrongCardView = 'not-my-number-card' | 'smartphone' | 'mute';

/**
 * The receipt slip: being printed, printed, failed (the printer stopped, out of paper), or
 * none (no printer, or no receipt number to print).
 */
export type SlipView = 'printing' | 'printed' | 'failed' | 'none';

/** How this customer asked to be served; every new session starts from the defaults. */
export interface AccessView {
  readonly largeText: boolean;
  readonly highContrast: boolean;
  /** Assisted mode (a headset plugged in, or the assist key): the keypad is never shuffled, the voice names the keys. */
  readonly assisted: boolean;
  /** Where the voice is heard: the headset jack while a headset is plugged in, else the speaker. */
  readonly audio: 'speaker' | 'headset';
  /** The terminal has a number pad of its own (config display.physicalKeypad). */
  readonly keypad: boolean;
}

/** The customer's screen, or the maintenance menu's while the service key holds it open. */
export type ViewModel = (ScreenView | MaintenanceView) & {
  readonly language: Language;
  /** ※2: the customer can stop here (取消). */
  readonly canCancel: boolean;
  /** 令和 or 西暦 years, as the branch configured. */
  readonly calendar: Calendar;
  /** Absent: the defaults (standard text, standard contrast, not assisted, the speaker). */
  readonly access?: AccessView;
};
