// An XFS4IoT motorised card reader for the kiosk, from its service publisher's endpoint: the
// reader port and the card mechanics (the motor) over one device link. The chip is reached
// through the service's chip I/O, or through a PC/SC reader wired to the reader's contacts.
import type { CommandDeadlines } from '../reader/command-deadline.ts';
import type { ReaderPort } from '../reader/reader-port.ts';
import { CardSlot } from './card-slot.ts';
import { ChipReaderGuard } from './chip-reader-guard.ts';
import { DeviceLink, type LinkTimings } from './device-link.ts';
import { MAX_MESSAGE_BYTES, MOTOR_COMMANDS } from './messages.ts';
import { PcscChipPort } from './pcsc-chip-port.ts';
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

/** The motor alone: the device link, where the card is, and the mechanics that move it. */
export interface Xfs4IotMotor {
  readonly link: DeviceLink;
  readonly slot: CardSlot;
  readonly mechanics: Xfs4IotMechanics;
}

/**
 * Connects (and keeps reconnecting) to the card reader service; `chipIo` false: the service is
 * only asked to move cards (its chip, if any, is not used). `link.stop()` ends it.
 */
export function openXfs4IotMotor(options: Xfs4IotReaderOptions, chipIo: boolean): Xfs4IotMotor {
  const { tls } = options;
  const link = new DeviceLink({
    endpoint: options.endpoint,
    open: (url) => openWebSocket(url, { connectTimeoutMs: 5000, maxMessageBytes: MAX_MESSAGE_BYTES, ...(tls ? { tls } : {}) }),
    ...(options.link ? { timings: options.link } : {}),
    ...(chipIo ? {} : { needed: MOTOR_COMMANDS }),
  });
  const slot = new CardSlot();
  const mechanics = new Xfs4IotMechanics(link, slot, { chipIo, ...(options.mechanics ? { timings: options.mechanics } : {}) });
  return { link, slot, mechanics };
}

/** The chip through the service's chip I/O (CardReader.ChipIO); `port.close()` ends it. */
export function createXfs4IotReader(options: Xfs4IotReaderOptions): Xfs4IotReader {
  const { link, slot, mechanics } = openXfs4IotMotor(options, true);
  const port = new Xfs4IotReaderPort(link, slot, {
    name: XFS4IOT_READER_NAME,
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
  });
  link.start();
  return { port, mechanics, link };
}

export interface PcscChipOptions extends Xfs4IotReaderOptions {
  /** The PC/SC port that serves the reader wired to the contacts (the supervised card service). */
  readonly pcsc: ReaderPort;
  /** That PC/SC reader's name. */
  readonly chipReader: string;
  /** How long PC/SC gets to see the chip of a card drawn in (see PcscChipPort). */
  readonly chipSettleMs?: number;
}

export interface PcscChipReader {
  readonly port: PcscChipPort;
  readonly mechanics: ChipReaderGuard;
  readonly motor: Xfs4IotMechanics;
  readonly link: DeviceLink;
}

/** The motor through XFS4IoT, the chip through PC/SC; `port.close()` ends both. */
export function createPcscChipReader(options: PcscChipOptions): PcscChipReader {
  const { link, slot, mechanics: motor } = openXfs4IotMotor(options, false);
  const port = new PcscChipPort(options.pcsc, link, slot, {
    name: options.chipReader,
    ...(options.chipSettleMs === undefined ? {} : { settleMs: options.chipSettleMs }),
  });
  const mechanics = new ChipReaderGuard(motor, options.pcsc, options.chipReader);
  link.start();
  return { port, mechanics, motor, link };
}
