// What the card service reports about readers and cards. Plain data, validated where it
// crosses a process boundary.
import { z } from 'zod';

const readerName = z.string().min(1).max(200);
const atrHex = z
  .string()
  .regex(/^(?:[0-9A-F]{2})*$/)
  .max(66);

export const ReaderEventSchema = z.discriminatedUnion('type', [
  /** pcscd (or the card service process) reachable or not; readers are unknown while not. */
  z.object({ type: z.literal('service'), available: z.boolean(), detail: z.string().max(300) }),
  z.object({ type: z.literal('reader-attached'), reader: readerName }),
  z.object({ type: z.literal('reader-detached'), reader: readerName }),
  z.object({ type: z.literal('card-inserted'), reader: readerName, atr: atrHex }),
  z.object({
    type: z.literal('card-removed'),
    reader: readerName,
    /**
     * Not seen leaving: reported because its reader or the service went away (pcscd
     * restart, reader unplugged, card service crashed). The card may well still be inside.
     */
    outage: z.literal(true).optional(),
  }),
]);
export type ReaderEvent = z.infer<typeof ReaderEventSchema>;

export const ReaderStateSchema = z.object({
  name: readerName,
  /** mute: a card is in but does not answer (inserted upside down, damaged). */
  card: z.enum(['present', 'empty', 'mute']),
  atr: atrHex.optional(),
});
export type ReaderState = z.infer<typeof ReaderStateSchema>;

export const ReaderSnapshotSchema = z.object({
  serviceAvailable: z.boolean(),
  detail: z.string().max(300),
  readers: z.array(ReaderStateSchema).max(32),
});
export type ReaderSnapshot = z.infer<typeof ReaderSnapshotSchema>;
