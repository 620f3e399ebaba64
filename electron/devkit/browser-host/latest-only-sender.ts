// Sends to a socket whose peer may not be reading. A screen needs only the latest view (the
// demo panel only the latest state), so once more than a bound waits to go out, a newer
// message replaces the one held back instead of queuing behind it, and the latest is sent
// when the socket has drained: memory stays bounded however long the peer does not read.

/** What is used of a `ws` WebSocket. */
export interface OutgoingSocket {
  /** Bytes accepted by send() and not yet handed to the operating system. */
  readonly bufferedAmount: number;
  send(data: string, callback: (error?: Error) => void): void;
}

export class LatestOnlySender {
  readonly #socket: OutgoingSocket;
  readonly #maxBufferedBytes: number;
  #held: string | undefined;

  constructor(socket: OutgoingSocket, maxBufferedBytes: number) {
    this.#socket = socket;
    this.#maxBufferedBytes = maxBufferedBytes;
  }

  send(data: string): void {
    if (this.#socket.bufferedAmount > this.#maxBufferedBytes) {
      this.#held = data;
      return;
    }
    // Each write's callback comes once it has gone out: while anything is buffered, one is pending.
    this.#socket.send(data, (error) => {
      if (!error) this.#drained();
    });
  }

  #drained(): void {
    const held = this.#held;
    if (held === undefined || this.#socket.bufferedAmount > this.#maxBufferedBytes) return;
    this.#held = undefined;
    this.send(held);
  }
}
