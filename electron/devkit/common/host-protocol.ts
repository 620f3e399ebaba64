// Messages of the browser host's WebSockets, stated once and validated on both sides: the
// screen socket carries views out and screen events in; the demo socket carries the developer
// panel's card actions in and the demo reader's state out. Pure TypeScript (the browser host
// under Node and the renderer's devkit pages both import it).
import { z } from 'zod';
import type { ViewModel } from '../../common/view-model.ts';

export const MAX_MESSAGE_BYTES = 16 * 1024;

/** Screen → host: one customer input, validated again by the kiosk core. */
export const ScreenMessageSchema = z.object({ type: z.literal('event'), event: z.unknown() });
export type ScreenMessage = z.infer<typeof ScreenMessageSchema>;

/** Host → screen: the one screen to draw (the kiosk core's view model, typed on the host). */
export const ViewMessageSchema = z.object({
  type: z.literal('view'),
  view: z.looseObject({ screen: z.string(), language: z.enum(['ja', 'en']) }).transform((view) => view as unknown as ViewModel),
});
export type ViewMessage = z.input<typeof ViewMessageSchema>;

/** A card profile's name as the emulator spells them (which exist is the demo reader's to check). */
const ProfileNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/);

/** Panel → host. */
export const DemoMessageSchema = z.discriminatedUnion('type', [
  /** The customer pushes a card of this profile into the reader. */
  z.object({ type: z.literal('insert'), profile: ProfileNameSchema }),
  /** The customer takes the card (or pulls it out of a desk reader). */
  z.object({ type: z.literal('take') }),
  /** Staff turn the service key switch on or back (the maintenance menu). */
  z.object({ type: z.literal('service-key'), on: z.boolean() }),
  // The XFS4IoT simulator's faults on demand, and the staff who clear them.
  /** The card jams at the reader's next move. */
  z.object({ type: z.literal('jam') }),
  /** The retain unit is full. */
  z.object({ type: z.literal('bin-full') }),
  /** Staff free the jammed card (it goes on into the retain unit). */
  z.object({ type: z.literal('clear-jam') }),
  /** Staff empty the retain unit. */
  z.object({ type: z.literal('empty-bin') }),
  /** The terminal's headphone jack, simulated: a headset plugged in or pulled out. */
  z.object({ type: z.literal('headset'), plugged: z.boolean() }),
]);
export type DemoMessage = z.infer<typeof DemoMessageSchema>;

/** Host → panel: the demo reader as the developer panel shows it. */
export const DemoStateSchema = z.object({
  type: z.literal('demo-state'),
  /** xfs4iot: the XFS4IoT card reader simulator, reached by the kiosk over its WebSocket service. */
  mechanics: z.enum(['motorised', 'desk', 'xfs4iot']),
  card: z.enum(['none', 'inside', 'at-slot', 'jammed']),
  /** A motorised reader's slot is open: the kiosk is waiting for a card (a desk reader's always is). */
  accepting: z.boolean(),
  /** Cards the motorised reader captured into its bin (0 for a desk reader). */
  retained: z.number().int().nonnegative(),
  /** How many the bin holds, where the reader says. */
  capacity: z.number().int().positive().optional(),
  profiles: z.array(z.object({ name: ProfileNameSchema, description: z.string() })),
  /** The service key switch's position, as the panel last turned it. */
  serviceKey: z.boolean(),
  /** A headset in the simulated jack (absent: the panel has no jack). */
  headset: z.boolean().optional(),
});
export type DemoState = z.infer<typeof DemoStateSchema>;

/** JSON text as a value, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
