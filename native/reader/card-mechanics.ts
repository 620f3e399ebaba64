// What a reader can do with the card itself. The guideline (※5) has the kiosk keep the card
// from insertion until consent so that it cannot be swapped: a motorised reader holds it
// physically; a plain desk reader cannot, so removal while held must end the session.
import type { EventEmitter } from 'node:events';

/**
 * Something at a motorised reader that needs staff: a jammed card, a shutter that failed, the
 * retain storage full or nearly so, the device gone or not answering, or answering in a way
 * the kiosk cannot use (device-error); where the chip's contacts are a PC/SC reader of their
 * own, that reader losing the chip of a card the motor holds (chip-reader: unplugged, pcscd
 * or the card service gone). Reported for the staff's records; where the card ends up is told
 * by the mechanics' own results and events.
 */
export type MechanicsFault =
  'jam' | 'shutter' | 'retain-bin-full' | 'retain-bin-high' | 'offline' | 'timeout' | 'device-error' | 'chip-reader';

export type MechanicsEvent =
  /**
   * The card left the reader while it had to be held: the session must end. `outage`: not seen
   * leaving, the reader or its service went away (the card may well still be in it).
   */
  | { readonly type: 'held-card-removed'; readonly outage?: true }
  /** The customer took the returned card. */
  | { readonly type: 'card-taken' }
  /**
   * The card was captured and kept (left behind); staff return it after an identity check.
   * `binCount`: cards in the retain storage now, where the reader counts them.
   */
  | { readonly type: 'card-retained'; readonly binCount?: number }
  | { readonly type: 'fault'; readonly fault: MechanicsFault; readonly binCount?: number };

export interface CardMechanics extends EventEmitter<{ event: [MechanicsEvent] }> {
  /** motorised: draws the card in and can keep it; desk: the card stays in the customer's reach. */
  readonly kind: 'motorised' | 'desk';
  /** Ready to take one card in (a motorised reader opens its shutter; refused at other times). */
  accept(): void;
  /** Closes the intake again. */
  refuse(): void;
  /** From now until eject, the card must stay in. */
  hold(): void;
  /**
   * Returns the card to the customer (motorised: to the slot; desk: asks them to take it).
   * Rejects when the card could not be presented (a jam): it is then out of reach, and retain
   * reports it kept.
   */
  eject(): Promise<void>;
  /**
   * Captures a returned card that was not taken. True when the card is out of the customer's
   * reach in the reader (captured, or kept inside by a fault for staff to free); false where
   * the reader cannot capture it and it stays at the slot (a desk reader, a full retain unit).
   */
  retain(): Promise<boolean>;
}
