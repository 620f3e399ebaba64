// `npm run bench:card [-- --runs N]`: APDU count and latency of each JPKI operation through
// the real PC/SC stack (pcscd + vpcd + the emulated card), median of many runs, as JSON.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { VpcdLink } from '../emulator/vpcd-link.ts';
import { CountingTransport } from './counting-transport.ts';
import type { JpkiResult } from '../../jpki/jpki-error.ts';
import { JpkiSession } from '../../jpki/jpki-session.ts';
import { wipe } from '../../jpki/pin.ts';
import { PcscReaderPort } from '../../pcsc/pcsc-reader-port.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '25' }, port: { type: 'string', default: '35964' } } });
const runs = Math.max(1, Number(values.runs));
const vpcdPort = Number(values.port);
const readerName = `Virtual PCD 00 ${String(vpcdPort - 35963).padStart(2, '0')}`;

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2));
};

const link = new VpcdLink({ card: await createEmulatedCard('default'), port: vpcdPort });
const port = new PcscReaderPort();
const inserted = new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no card in ${readerName}: is pcscd running with vsmartcard-vpcd?`)), 10_000);
  port.on('event', (event) => {
    if (event.type === 'card-inserted' && event.reader === readerName) {
      clearTimeout(timer);
      resolve();
    }
  });
});
port.start();
void link.start();
await inserted;
const connection = await port.connect(readerName, { exclusive: true });
if (!connection.ok) throw new Error(`cannot connect: ${connection.error}`);

const operations = ['selectApplication', 'readTokenInfo', 'readAuthCertificate', 'pinTriesLeft', 'verifyPin', 'signWithAuthKey'] as const;
const samples = new Map<string, { apdus: number; ms: number[] }>(operations.map((name) => [name, { apdus: 0, ms: [] }]));
const flow: number[] = [];
let certificateBytes = 0;
const challenge = new TextEncoder().encode('benchmark challenge');

for (let run = 0; run < runs; run += 1) {
  const counting = new CountingTransport(connection.value);
  const jpki = new JpkiSession(counting);
  const flowStart = performance.now();
  const measure = async <T>(name: (typeof operations)[number], action: () => Promise<JpkiResult<T>>): Promise<T> => {
    counting.reset();
    const start = performance.now();
    const result = await action();
    const sample = samples.get(name);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.kind}`);
    if (sample) {
      sample.ms.push(performance.now() - start);
      sample.apdus = counting.count;
    }
    return result.value;
  };
  await measure('selectApplication', () => jpki.selectApplication());
  await measure('readTokenInfo', () => jpki.readTokenInfo());
  certificateBytes = (await measure('readAuthCertificate', () => jpki.readAuthCertificate())).length;
  await measure('pinTriesLeft', () => jpki.pinTriesLeft());
  const pin = new TextEncoder().encode('1234');
  await measure('verifyPin', () => jpki.verifyPin(pin));
  wipe(pin);
  await measure('signWithAuthKey', () => jpki.signWithAuthKey(challenge));
  flow.push(performance.now() - flowStart);
}

const report = {
  path: 'pcsclite → pcscd → vpcd → emulated card',
  runs,
  certificateBytes,
  operations: Object.fromEntries(
    [...samples].map(([name, { apdus, ms }]) => [name, { apdus, medianMs: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95) }]),
  ),
  wholeFlow: {
    apdus: [...samples.values()].reduce((sum, { apdus }) => sum + apdus, 0),
    apdusWithoutTokenInfo: [...samples].filter(([name]) => name !== 'readTokenInfo').reduce((sum, [, { apdus }]) => sum + apdus, 0),
    bound: 8 + Math.ceil(certificateBytes / 256),
    medianMs: percentile(flow, 0.5),
    p95Ms: percentile(flow, 0.95),
  },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
await connection.value.disconnect('reset');
await port.close();
await link.stop();
