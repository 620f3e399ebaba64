// Messages between the kiosk and its card service process. Both sides validate what they
// receive: a crashed, hung or compromised peer must not be able to confuse the other.
import { z } from 'zod';
import type { TransportFailure } from '../jpki/transport.ts';
import { ReaderEventSchema, ReaderSnapshotSchema } from './reader-events.ts';

const id = z.number().int().nonnegative();
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes expected');

export const RequestSchema = z.discriminatedUnion('op', [
  z.object({ kind: z.literal('request'), id, op: z.literal('ping') }),
  z.object({ kind: z.literal('request'), id, op: z.literal('snapshot') }),
  z.object({ kind: z.literal('request'), id, op: z.literal('connect'), reader: z.string().min(1).max(200), exclusive: z.boolean() }),
  z.object({
    kind: z.literal('request'),
    id,
    op: z.literal('transmit'),
    connection: id,
    apdu: bytes.refine((a) => a.length >= 4 && a.length <= 261),
  }),
  z.object({ kind: z.literal('request'), id, op: z.literal('disconnect'), connection: id, disposition: z.enum(['reset', 'leave']) }),
]);
export type Request = z.infer<typeof RequestSchema>;
/** A request as the client writes it, before the id is assigned. */
export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'kind' | 'id'> : never) : never;

export const FailureSchema = z.enum([
  'card-removed',
  'card-reset',
  'reader-unavailable',
  'card-unresponsive',
  'transport',
  'in-use',
  'no-card',
  'bad-request',
]);
export type Failure = z.infer<typeof FailureSchema>;

/** A failure as the transport layer names it: protocol-level ones become 'transport'. */
export function asTransportFailure(failure: Failure): TransportFailure {
  return failure === 'in-use' || failure === 'no-card' || failure === 'bad-request' ? 'transport' : failure;
}

export const MessageFromServiceSchema = z.union([
  z.object({ kind: z.literal('event'), event: ReaderEventSchema }),
  z.object({ kind: z.literal('response'), id, ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal('response'), id, ok: z.literal(false), error: FailureSchema }),
]);
export type MessageFromService = z.infer<typeof MessageFromServiceSchema>;

/** What each operation answers with, checked by the client. */
export const ResponseValueSchemas = {
  ping: z.null(),
  snapshot: ReaderSnapshotSchema,
  connect: z.object({ connection: id, atr: bytes.refine((a) => a.length <= 33) }),
  transmit: bytes.refine((a) => a.length >= 2 && a.length <= 258),
  disconnect: z.null(),
} as const;

/** A duplex message channel: Node's IPC channel or an Electron utility process port. */
export interface MessageChannelLike {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}
