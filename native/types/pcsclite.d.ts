// Types for pcsclite 1.0.1, limited to what native/pcsc uses. They replace the package's own
// index.d.ts, which types every error as `any` and lacks `readers`; checked against the
// package's behaviour by the pcsc suite (real pcscd), and against the fake by fake-pcsclite.ts.
declare module 'pcsclite' {
  import type { EventEmitter } from 'node:events';

  export interface ReaderStatus {
    state: number;
    atr?: Buffer;
  }

  export interface ConnectOptions {
    share_mode?: number;
    protocol?: number;
  }

  export interface CardReader extends EventEmitter {
    readonly name: string;
    readonly connected: boolean;
    readonly SCARD_SHARE_SHARED: number;
    readonly SCARD_SHARE_EXCLUSIVE: number;
    readonly SCARD_PROTOCOL_T0: number;
    readonly SCARD_PROTOCOL_T1: number;
    readonly SCARD_STATE_EMPTY: number;
    readonly SCARD_STATE_PRESENT: number;
    readonly SCARD_STATE_CHANGED: number;
    readonly SCARD_STATE_MUTE: number;
    readonly SCARD_STATE_UNAVAILABLE: number;
    readonly SCARD_LEAVE_CARD: number;
    readonly SCARD_RESET_CARD: number;
    readonly SCARD_UNPOWER_CARD: number;
    readonly SCARD_EJECT_CARD: number;
    connect(options: ConnectOptions, callback: (error: Error | null | undefined, protocol: number) => void): void;
    disconnect(disposition: number, callback: (error?: Error | null) => void): void;
    transmit(
      data: Buffer,
      responseLength: number,
      protocol: number,
      callback: (error: Error | null | undefined, response: Buffer) => void,
    ): void;
    close(): void;
    on(event: 'status', listener: (status: ReaderStatus) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'end', listener: () => void): this;
  }

  export interface PCSCLite extends EventEmitter {
    readonly readers: Record<string, CardReader>;
    close(): void;
    on(event: 'reader', listener: (reader: CardReader) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  /** Throws synchronously when pcscd cannot be reached. */
  export default function pcsclite(): PCSCLite;
}
