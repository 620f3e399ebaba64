// The card service's side of the protocol: serves a ReaderPort to the kiosk over a message
// channel. Runs in its own process so that a crash or hang of the native PC/SC binding
// cannot take the kiosk down.
import type { ReaderEvent } from './reader-events.ts';
import type { ReaderPort, CardConnection } from './reader-port.ts';
import { RequestSchema, type Failure, type MessageChannelLike, type Request } from './reader-protocol.ts';
import type { Result } from '../../electron/common/result.ts';

/**
 * A port reports a card removed before the reader or service goes away (the PC/SC port when
 * pcscd restarts or the reader is unplugged) and has already forgotten the reader then.
 * Across the process boundary that order is all the kiosk would see, so the removal is
 * marked here as caused by the outage, while the port's own view still tells.
 */
function marked(port: ReaderPort, event: ReaderEvent): ReaderEvent {
  if (event.type !== 'card-removed' || event.outage) return event;
  const { serviceAvailable, readers } = port.snapshot();
  const listed = readers.some((reader) => reader.name === event.reader);
  return serviceAvailable && listed ? event : { ...event, outage: true };
}

export function serveReaderPort(port: ReaderPort, channel: MessageChannelLike): void {
  const connections = new Map<number, CardConnection>();
  let nextConnection = 1;

  port.on('event', (event) => channel.send({ kind: 'event', event: marked(port, event) }));

  const answer = (id: number, result: Result<unknown, Failure>): void => {
    channel.send({ kind: 'response', id, ...result });
  };

  const handle = async (request: Request): Promise<void> => {
    switch (request.op) {
      case 'ping':
        answer(request.id, { ok: true, value: null });
        return;
      case 'snapshot':
        answer(request.id, { ok: true, value: port.snapshot() });
        return;
      case 'connect': {
        const result = await port.connect(request.reader, { exclusive: request.exclusive });
        if (!result.ok) {
          answer(request.id, result);
          return;
        }
        const connection = nextConnection++;
        connections.set(connection, result.value);
        answer(request.id, { ok: true, value: { connection, atr: result.value.atr } });
        return;
      }
      case 'transmit': {
        const connection = connections.get(request.connection);
        if (!connection) {
          answer(request.id, { ok: false, error: 'reader-unavailable' });
          return;
        }
        try {
          answer(request.id, await connection.transmit(request.apdu));
        } finally {
          request.apdu.fill(0); // this process's copy of a command that may carry a PIN
        }
        return;
      }
      case 'disconnect': {
        const connection = connections.get(request.connection);
        connections.delete(request.connection);
        await connection?.disconnect(request.disposition);
        answer(request.id, { ok: true, value: null });
        return;
      }
    }
  };

  channel.onMessage((message) => {
    const parsed = RequestSchema.safeParse(message);
    if (parsed.success) {
      // A failing reader call must answer, not leave the kiosk waiting until its timeout.
      handle(parsed.data).catch(() => answer(parsed.data.id, { ok: false, error: 'transport' }));
      return;
    }
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id === 'number') answer(id, { ok: false, error: 'bad-request' });
  });
}
