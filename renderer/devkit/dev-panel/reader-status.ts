// What the demo card reader is doing, in words: why "take the card" or inserting a card does
// nothing at this moment, as a customer at a real reader would find out by trying.
import type { DemoState } from '../../../electron/devkit/common/host-protocol.ts';

export function readerStatus(state: Pick<DemoState, 'mechanics' | 'card' | 'accepting'>): string {
  const motorised = state.mechanics !== 'desk';
  switch (state.card) {
    case 'none':
      return state.accepting
        ? 'The slot is open: insert a card below.'
        : 'The slot is closed: the kiosk opens it on its "insert your card" screen, so inserting does nothing now.';
    case 'inside':
      return motorised
        ? 'The reader holds the card inside until the customer confirms (確認) or stops, as a motorised reader does: "take the card" does nothing now.'
        : 'The card is in a desk reader: pulling it out now ends the session, and the customer is told so.';
    case 'at-slot':
      return 'The card is at the slot: take it before the kiosk draws it back into its capture bin.';
    case 'jammed':
      return 'The card is jammed inside: staff free it below, and it goes into the capture bin.';
  }
}
