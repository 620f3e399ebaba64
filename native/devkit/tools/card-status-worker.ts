// The PC/SC side of `npm run card -- status`, in a process of its own. A card that never
// answers leaves SCardTransmit blocked in a libuv worker thread for good, and a process with
// such a thread cannot exit (Node joins its worker threads on the way out; closing the reader
// would even block the main thread). So the inspection runs here, under per-command deadlines,
// and the command that started this process reads the report and kills it.
import { inspectReaders } from '../../diagnostics/card-status.ts';
import { StatusRequestSchema, type StatusRequest, type StatusWorkerMessage } from '../../diagnostics/status-worker-protocol.ts';
import { PcscReaderPort } from '../../pcsc/pcsc-reader-port.ts';
import type { ReaderSnapshot } from '../../reader/reader-events.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('card-status-worker is started by card-cli.ts (no IPC channel)');
const post = (message: StatusWorkerMessage): void => void send(message);

// Proof of life while the main thread runs: a pcscd that blocks it shows as silence.
setInterval(() => post({ kind: 'alive' }), 500);
// Without the parent there is no one to report to; exiting normally could hang (see above).
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));

/** The readers asked about, once each has a card or `waitMs` has passed. */
async function readersAsked(port: PcscReaderPort, request: StatusRequest): Promise<ReaderSnapshot> {
  const names = request.readers;
  const asked = (snapshot: ReaderSnapshot): ReaderSnapshot =>
    names ? { ...snapshot, readers: snapshot.readers.filter((reader) => names.includes(reader.name)) } : snapshot;
  let snapshot = asked(await port.settled());
  const deadline = Date.now() + (request.cardWaitMs ?? 0);
  const waiting = (): boolean => (names ?? []).some((name) => snapshot.readers.find((reader) => reader.name === name)?.card !== 'present');
  while (waiting() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    snapshot = asked(port.snapshot());
  }
  return snapshot;
}

process.once('message', (raw) => {
  const request = StatusRequestSchema.parse(raw);
  const port = new PcscReaderPort();
  port.start();
  void readersAsked(port, request)
    .then((snapshot) => inspectReaders(port, snapshot, request))
    .then((report) => post({ kind: 'report', report }));
});
