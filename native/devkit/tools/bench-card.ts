// `npm run bench:card [-- --runs N --port P]`: APDU count and latency of each JPKI operation
// through the real PC/SC stack (pcsclite → pcscd → vpcd → the emulated card, no card latency),
// median and 95th percentile of many runs, as JSON: the operations of 利用者証明 (select, the
// certificate, PIN tries, VERIFY, SIGN), the token label (read by diagnostics, and by a customer
// session only off the contact interface) and the check at consent (a fresh signature). The
// whole customer session, as the kiosk core runs it, is test/bench/card-session-bench.ts.
// Needs the vpcd reader to itself: where others share the machine, run under `flock /tmp/vpcd.lock`.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { VpcdLink } from '../emulator/vpcd-link.ts';
import { timing } from './bench-stats.ts';
import { CountingTransport } from './counting-transport.ts';
import { holdsKeyOf } from '../../jpki/card-identity.ts';
import type { JpkiResult } from '../../jpki/jpki-error.ts';
import { JpkiSession } from '../../jpki/jpki-session.ts';
import { wipe } from '../../jpki/pin.ts';
import { PcscReaderPort } from '../../pcsc/pcsc-reader-port.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, port: { type: 'string', default: '35964' } } });
const runs = Math.max(1, Number(values.runs));
const vpcdPort = Number(values.port);
const readerName = `Virtual PCD 00 ${String(vpcdPort - 35963).padStart(2, '0')}`;

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

const OPERATIONS = [
  'selectApplication',
  'readTokenInfo',
  'readAuthCertificate',
  'pinTriesLeft',
  'verifyPin',
  'signWithAuthKey',
  'holdsKeyOf',
] as const;
type Operation = (typeof OPERATIONS)[number];
/** 利用者証明: what the gateway's challenge costs, from a card just inserted. */
const AUTHENTICATION: readonly Operation[] = ['selectApplication', 'readAuthCertificate', 'pinTriesLeft', 'verifyPin', 'signWithAuthKey'];

const samples = new Map<Operation, { apdus: number; ms: number[] }>(OPERATIONS.map((name) => [name, { apdus: 0, ms: [] }]));
const authentication: number[] = [];
let certificateBytes = 0;
const challenge = new TextEncoder().encode('benchmark challenge');

for (let run = 0; run < runs; run += 1) {
  const counting = new CountingTransport(connection.value);
  const jpki = new JpkiSession(counting);
  let authenticationMs = 0;
  const measure = async <T>(name: Operation, action: () => Promise<JpkiResult<T>>): Promise<T> => {
    counting.reset();
    const start = performance.now();
    const result = await action();
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`${name} failed: ${result.error.kind}`);
    const sample = samples.get(name);
    sample?.ms.push(ms);
    if (sample) sample.apdus = Math.max(sample.apdus, counting.count);
    if (AUTHENTICATION.includes(name)) authenticationMs += ms;
    return result.value;
  };
  await measure('selectApplication', () => jpki.selectApplication());
  await measure('readTokenInfo', () => jpki.readTokenInfo());
  const certificate = await measure('readAuthCertificate', () => jpki.readAuthCertificate());
  certificateBytes = certificate.length;
  await measure('pinTriesLeft', () => jpki.pinTriesLeft());
  const pin = new TextEncoder().encode('1234');
  await measure('verifyPin', () => jpki.verifyPin(pin));
  wipe(pin);
  await measure('signWithAuthKey', () => jpki.signWithAuthKey(challenge));
  const same = await measure('holdsKeyOf', () => holdsKeyOf(jpki, certificate));
  if (!same) throw new Error('the card did not prove it holds its key');
  authentication.push(authenticationMs);
}

const report = {
  path: 'pcsclite → pcscd → vpcd → emulated card',
  runs,
  certificateBytes,
  operations: Object.fromEntries([...samples].map(([name, { apdus, ms }]) => [name, { apdus, ...timing(ms) }])),
  authentication: {
    operations: AUTHENTICATION,
    apdus: AUTHENTICATION.reduce((sum, name) => sum + (samples.get(name)?.apdus ?? 0), 0),
    bound: 8 + Math.ceil(certificateBytes / 256),
    ...timing(authentication),
  },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
await connection.value.disconnect('reset');
await port.close();
await link.stop();
