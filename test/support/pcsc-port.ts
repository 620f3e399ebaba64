// Waiting for what a ReaderPort reports, in PC/SC integration tests.
import type { ReaderEvent } from '../../native/reader/reader-events.ts';
import type { ReaderPort } from '../../native/reader/reader-port.ts';

/** Records every event of a port so that a test can wait for one that may already have come. */
export class EventLog {
  readonly events: ReaderEvent[] = [];

  constructor(port: ReaderPort) {
    port.on('event', (event) => this.events.push(event));
  }

  /** Resolves with the first event at or after `from` that matches. */
  async waitFor(match: (event: ReaderEvent) => boolean, timeoutMs = 8000, from = 0): Promise<ReaderEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(this.events.slice(from))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
