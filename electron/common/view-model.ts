// What the touchscreen shows: one screen at a time, with only what that screen needs. The
// kiosk core projects its session onto this; the renderer draws it and holds nothing else.
// No PIN digit is ever part of it; retrieved items only on the review screen.
import type { InformationItem, LocalizedText } from './income-items.ts';
import type { Language } from './ui-events.ts';
import type { CustomerNotice, MaintenanceView } from './maintenance/maintenance-view.ts';

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

/** Why the card cannot be used (see CardProblem in the session types for what each means). */
export type CardProblemView =
  'not-my-number-card' | 'smartphone' | 'expired' | 'not-yet-valid' | 'revoked' | 'untrusted' | 'mute' | 'damaged' | 'unresponsive';

export type ScreenView =
  | { readonly screen: 'attract' }
  | {
      readonly screen: 'out-of-service';
      /** `disconnected` is drawn by the screen itself when it has lost its host (browser host). */
      readonly reason: 'no-reader' | 'gateway-down' | 'operator' | 'setup-fault' | 'disconnected';
      /** Taken out of service by staff, a failed self-test or the shell: what the customer reads. */
      readonly notice?: CustomerNotice;
    }
  | { readonly screen: 'top' }
  | { readonly screen: 'service-choice'; readonly services: readonly ServiceChoice[] }
  | { readonly screen: 'confirmation'; readonly service: ServiceSummary }
  | { readonly screen: 'insert-card'; readonly service: ServiceSummary }
  | {
      readonly screen: 'pin';
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
  | { readonly screen: 'finishing'; readonly sending: boolean; readonly takeCard: boolean }
  | { readonly screen: 'complete'; readonly receiptId: string | undefined; readonly queued: boolean; readonly failed: boolean }
  | { readonly screen: 'idle-warning'; readonly countdownSeconds: number }
  | { readonly screen: 'unavailable'; readonly nextAvailableAt: string | undefined }
  | { readonly screen: 'card-error'; readonly problem: CardProblemView }
  | { readonly screen: 'pin-blocked' }
  | {
      readonly screen: 'retrieval-error';
      readonly reason: 'no-information' | 'unavailable' | 'timeout' | 'gateway';
      readonly retryable: boolean;
    }
  | { readonly screen: 'card-removed' }
  | { readonly screen: 'card-swapped' }
  /** `dataDeleted`: information had been obtained, and was deleted without being provided. */
  | { readonly screen: 'ended'; readonly reason: 'cancelled' | 'declined' | 'timeout' | 'error'; readonly dataDeleted: boolean }
  | { readonly screen: 'returning-card'; readonly reason: 'cancelled' | 'declined' | 'timeout' | 'error'; readonly dataDeleted: boolean }
  | { readonly screen: 'card-left-behind' }
  /** The reader kept a card nobody took: staff give it back. */
  | { readonly screen: 'card-retained' };

export type Calendar = 'japanese' | 'gregorian';

/** The customer's screen, or the maintenance menu's while the service key holds it open. */
export type ViewModel = (ScreenView | MaintenanceView) & {
  readonly language: Language;
  /** ※2: the customer can stop here (取消). */
  readonly canCancel: boolean;
  /** 令和 or 西暦 years, as the branch configured. */
  readonly calendar: Calendar;
};
