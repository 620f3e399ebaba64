// `node test/bench/card-session-bench.ts [--runs N] [--port P] [--in-process-only]`: the card
// side of a whole customer session as the kiosk core runs it (CardAccess: inspect at insertion,
// VERIFY, the signature of the gateway's challenge, the card check at 確認, release), with
// the APDUs counted at the emulated card (zero latency). Two paths, printed as one JSON
// document: through the kiosk's card service process, pcsclite, pcscd and vpcd (needs pcscd
// with vsmartcard-vpcd, and the reader to itself: run under `flock /tmp/vpcd.lock`), and the
// in-process simulated reader, which shows the kiosk's own software time without vpcd's TCP.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CardAccess } from '../../electron/node/card/card-access.ts';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../../native/devkit/emulator/simulated-reader-port.ts';
import { VpcdLink } from '../../native/devkit/emulator/vpcd-link.ts';
import { timing, type Timing } from '../../native/devkit/tools/bench-stats.ts';
import { CountingCard } from '../../native/devkit/tools/counting-card.ts';
import { PresenceGuard } from '../../native/reader/presence-guard.ts';
import type { ReaderPort } from '../../native/reader/reader-port.ts';
import { ReaderServiceClient } from '../../native/reader/reader-service-client.ts';

const OPERATIONS = ['inspect', 'verifyPin', 'sign', 'check', 'release'] as const;
type Operation = (typeof OPERATIONS)[number];

export interface CardSessionReport {
  readonly path: string;
  readonly runs: number;
  readonly certificateBytes: number;
  readonly operations: Record<Operation, Timing & { readonly apdus: number }>;
  readonly session: Timing & { readonly apdus: number; readonly bound: number };
}

/** Walks `runs` customer sessions on the card in `reader`, timing each CardAccess operation. */
async function benchmark(path: string, port: ReaderPort, reader: string, card: CountingCard, runs: number): Promise<CardSessionReport> {
  const access = new CardAccess({ port, mechanics: new PresenceGuard(port, reader), reader, now: () => new Date() });
  const samples = new Map<Operation, { apdus: number; ms: number[] }>(OPERATIONS.map((name) => [name, { apdus: 0, ms: [] }]));
  const sessions: number[] = [];
  const sessionApdus: number[] = [];
  let certificateBytes = 0;
  for (let run = 0; run < runs; run += 1) {
    const measure = async <T>(name: Operation, action: () => Promise<T>, expected?: (outcome: T) => boolean): Promise<T> => {
      const before = card.count;
      const start = performance.now();
      const outcome = await action();
      const sample = samples.get(name);
      sample?.ms.push(performance.now() - start);
      if (sample) sample.apdus = Math.max(sample.apdus, card.count - before);
      if (expected && !expected(outcome)) throw new Error(`${name}: ${JSON.stringify(outcome)}`);
      return outcome;
    };
    const first = card.count;
    const start = performance.now();
    const inspected = await measure('inspect', () => access.inspect());
    if (inspected.kind !== 'ready') throw new Error(`inspect: ${inspected.kind}`);
    const { handle, fingerprint } = inspected;
    certificateBytes = access.certificate(handle)?.length ?? 0;
    const pin = new TextEncoder().encode('1234');
    await measure(
      'verifyPin',
      () => access.verifyPin(handle, pin),
      (outcome) => outcome.kind === 'verified',
    );
    pin.fill(0);
    await measure(
      'sign',
      () => access.sign(handle, randomBytes(32)),
      (outcome) => outcome.kind === 'signed',
    );
    await measure(
      'check',
      () => access.check(handle, fingerprint),
      (outcome) => outcome.kind === 'same',
    );
    await measure('release', () => access.release());
    sessions.push(performance.now() - start);
    sessionApdus.push(card.count - first);
  }
  return {
    path,
    runs,
    certificateBytes,
    operations: Object.fromEntries(
      [...samples].map(([name, { apdus, ms }]) => [name, { apdus, ...timing(ms) }]),
    ) as CardSessionReport['operations'],
    session: { apdus: Math.max(...sessionApdus), bound: 10 + Math.ceil(certificateBytes / 256), ...timing(sessions) },
  };
}

async function throughPcscd(runs: number, vpcdPort: number): Promise<CardSessionReport> {
  const reader = `Virtual PCD 00 ${String(vpcdPort - 35963).padStart(2, '0')}`;
  const card = new CountingCard(await createEmulatedCard('default'));
  const client = new ReaderServiceClient();
  const inserted = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no card in ${reader}: is pcscd running with vsmartcard-vpcd?`)), 15_000);
    client.on('event', (event) => {
      if (event.type === 'card-inserted' && event.reader === reader) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  client.start();
  const link = new VpcdLink({ card, port: vpcdPort });
  await link.start();
  try {
    await inserted;
    return await benchmark('kiosk core → card service process → pcsclite → pcscd → vpcd → emulated card', client, reader, card, runs);
  } finally {
    await client.close();
    await link.stop();
  }
}

async function inProcess(runs: number): Promise<CardSessionReport> {
  const port = new SimulatedReaderPort();
  const card = new CountingCard(await createEmulatedCard('default'));
  port.reader.insert(card);
  try {
    return await benchmark('kiosk core → simulated reader → emulated card (in-process)', port, port.reader.name, card, runs);
  } finally {
    await port.close();
  }
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    port: { type: 'string', default: '35964' },
    'in-process-only': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const report = {
  inProcess: await inProcess(runs),
  ...(values['in-process-only'] ? {} : { pcsc: await throughPcscd(runs, Number(values.port)) }),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
