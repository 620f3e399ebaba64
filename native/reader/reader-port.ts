// The kiosk's view of its card readers, wherever they are: PC/SC in a supervised child
// process, or the in-process simulated reader of the demo.
import type { EventEmitter } from 'node:events';
import type { ApduTransport, TransportFailure } from '../jpki/transport.ts';
import type { ReaderEvent, ReaderSnapshot } from './reader-events.ts';
import type { Result } from '../../electron/common/result.ts';

/**
 * How a connection ends. 'reset' for a customer's session: it clears the card's verified
 * PIN, which would otherwise let any PC/SC application sign without it. 'leave' only for
 * read-only diagnostics.
 */
export type Disposition = 'reset' | 'leave';

export interface CardConnection extends ApduTransport {
  /** Ends the connection; the card stays in the reader. */
  disconnect(disposition: Disposition): Promise<void>;
}

/** 'in-use': another application holds the card exclusively; 'no-card': the reader is empty. */
export type ConnectFailure = TransportFailure | 'in-use' | 'no-card';

export type ConnectResult = Result<CardConnection, ConnectFailure>;

export interface ConnectOptions {
  /** Exclusive for a customer's session; shared for diagnostics that must not disturb one. */
  readonly exclusive: boolean;
}

export interface ReaderPort extends EventEmitter<{ event: [ReaderEvent] }> {
  snapshot(): ReaderSnapshot;
  connect(reader: string, options: ConnectOptions): Promise<ConnectResult>;
  close(): Promise<void>;
}
