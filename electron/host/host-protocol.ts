// Messages of the browser host's WebSockets. The screen socket carries views out and screen
// events in; the demo socket carries the developer panel's card actions. Everything that
// arrives is validated.
import { z } from 'zod';
import { CARD_PROFILE_NAMES, type CardProfileName } from '../../native/emulator/card-profiles.ts';

export const ScreenMessageSchema = z.object({ type: z.literal('event'), event: z.unknown() });

export const DemoMessageSchema = z.discriminatedUnion('type', [
  /** The customer pushes a card of this profile into the reader. */
  z.object({ type: z.literal('insert'), profile: z.enum(CARD_PROFILE_NAMES as [CardProfileName, ...CardProfileName[]]) }),
  /** The customer takes the card (or pulls it out of a desk reader). */
  z.object({ type: z.literal('take') }),
]);
export type DemoMessage = z.infer<typeof DemoMessageSchema>;

/** The demo reader as the developer panel shows it. */
export interface DemoState {
  readonly type: 'demo-state';
  readonly mechanics: 'motorised' | 'desk';
  readonly card: 'none' | 'inside' | 'at-slot';
  /** Cards the motorised reader captured into its bin (0 for a desk reader). */
  readonly retained: number;
  readonly profiles: readonly { readonly name: string; readonly description: string }[];
}

export const MAX_MESSAGE_BYTES = 16 * 1024;
