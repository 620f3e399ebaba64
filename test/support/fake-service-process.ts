// A card service "process" in memory: the product's serveReaderPort on a port of the test's
// choosing (usually the simulated reader) on one side, the kiosk's ReaderServiceClient on the
// other, with every message structured-cloned as a real IPC channel does. A test can crash it,
// hang it or make it talk nonsense; killed or crashed, it stops serving its port.
import type { ReaderPort } from '../../native/reader/reader-port.ts';
import type { ServiceProcess } from '../../native/reader/reader-service-client.ts';
import { serveReaderPort } from '../../native/reader/reader-service-host.ts';

export class FakeServiceProcess<P extends ReaderPort = ReaderPort> implements ServiceProcess {
  readonly port: P;
  #toService: ((message: unknown) => void) | undefined;
  #toClient: ((message: unknown) => void) | undefined;
  #onExit: ((detail: string) => void) | undefined;
  hung = false;
  killed = false;

  constructor(port: P) {
    this.port = port;
    serveReaderPort(port, {
      send: (message) => {
        // Structured clone, like a real IPC channel: no shared objects across the boundary.
        if (!this.hung && !this.killed) queueMicrotask(() => this.#toClient?.(structuredClone(message)));
      },
      onMessage: (listener) => (this.#toService = listener),
    });
  }

  send(message: unknown): void {
    if (!this.hung && !this.killed) queueMicrotask(() => this.#toService?.(structuredClone(message)));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.#toClient = listener;
  }
  onExit(listener: (detail: string) => void): void {
    this.#onExit = listener;
  }
  kill(): void {
    this.#end();
  }
  /** Dies by itself, as a native binding that faults takes its process down. */
  crash(): void {
    this.#end();
    this.#onExit?.('killed by SIGSEGV');
  }
  say(message: unknown): void {
    this.#toClient?.(message);
  }

  #end(): void {
    if (this.killed) return;
    this.killed = true;
    void this.port.close();
  }
}
