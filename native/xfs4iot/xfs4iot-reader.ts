// An XFS4IoT motorised card reader for the kiosk, from its service publisher's endpoint: the
// reader port (chip I/O) and the card mechanics (the motor) over one device link.
import type { CommandDeadlines } from '../reader/command-deadline.ts';
import { CardSlot } from './card-slot.ts';
import { DeviceLink, type LinkTimings } from './device-link.ts';
import { MAX_MESSAGE_BYTES } from './messages.ts';
import { Xfs4IotMechanics, type MechanicsTimings } from './xfs4iot-mechanics.ts';
import { Xfs4IotReaderPort } from './xfs4iot-reader-port.ts';
import { openWebSocket, type WebSocketTls } from './websocket-client.ts';

/** The reader's name on the kiosk's port (there is one card reader service per kiosk). */
export const XFS4IOT_READER_NAME = 'XFS4IoT CardReader';

export interface Xfs4IotReaderOptions {
  /** The service publisher: ws://127.0.0.1:5846/xfs4iot/v1.0, or wss:// beyond this machine. */
  readonly endpoint: string;
  /** For wss: the CA of the service's certificate, and the kiosk's own if the service asks for one. */
  readonly tls?: WebSocketTls;
  readonly deadlines?: CommandDeadlines;
  readonly link?: Partial<LinkTimings>;
  readonly mechanics?: Partial<MechanicsTimings>;
}

export interface Xfs4IotReader {
  readonly port: Xfs4IotReaderPort;
  readonly mechanics: Xfs4IotMechanics;
  readonly link: DeviceLink;
}

/** Connects (and keeps reconnecting) to the card reader service; `port.close()` ends it. */
export function createXfs4IotReader(options: Xfs4IotReaderOptions): Xfs4IotReader {
  const { tls } = options;
  const link = new DeviceLink({
    endpoint: options.endpoint,
    open: (url) => openWebSocket(url, { connectTimeoutMs: 5000, maxMessageBytes: MAX_MESSAGE_BYTES, ...(tls ? { tls } : {}) }),
    ...(options.link ? { timings: options.link } : {}),
  });
  const slot = new CardSlot();
  const mechanics = new Xfs4IotMechanics(link, slot, options.mechanics);
  const port = new Xfs4IotReaderPort(link, slot, {
    name: XFS4IOT_READER_NAME,
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
  });
  link.start();
  return { port, mechanics, link };
}
