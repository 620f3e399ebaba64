// What a reader can do with the card itself. The guideline (※5) has the kiosk keep the card
// from insertion until consent so that it cannot be swapped: a motorised reader holds it
// physically; a plain desk reader cannot, so removal while held must end the session.
import type { EventEmitter } from 'node:events';

export type MechanicsEvent =
  /** The card left the reader while it had to be held: the session must end. */
  | { readonly type: 'held-card-removed' }
  /** The customer took the returned card. */
  | { readonly type: 'card-taken' }
  /** The card was captured and kept (left behind); staff return it after an identity check. */
  | { readonly type: 'card-retained' };

export interface CardMechanics extends EventEmitter<{ event: [MechanicsEvent] }> {
  /** motorised: draws the card in and can keep it; desk: the card stays in the customer's reach. */
  readonly kind: 'motorised' | 'desk';
  /** Ready to take one card in (a motorised reader opens its shutter; refused at other times). */
  accept(): void;
  /** Closes the intake again. */
  refuse(): void;
  /** From now until eject, the card must stay in. */
  hold(): void;
  /** Returns the card to the customer (motorised: to the slot; desk: asks them to take it). */
  eject(): Promise<void>;
  /** Captures a returned card that was not taken. False where the reader cannot. */
  retain(): Promise<boolean>;
}
