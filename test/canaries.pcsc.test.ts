// Personal-data canaries. The product's kiosk core runs in a process of its own on the real
// PC/SC stack (its card service on pcscd, an emulated card behind vpcd with a canary PIN) and
// the bank's gateway hands it canary income values. After completed, declined and cancelled
// sessions none of them — nor the PIN, nor the certificate's subject or fingerprint — may be
// left in the kiosk core's memory (a heap snapshot after garbage collection), its logs, its
// database files (WAL and free pages included), or what a crashed kiosk printed.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { itemKey } from '../electron/common/item-key.ts';
import type { UiEvent } from '../electron/common/ui-events.ts';
import type { ViewModel } from '../electron/common/view-model.ts';
import type { ReferenceGateway } from '../electron/devkit/reference-gateway/reference-gateway.ts';
import { createTestGateway } from '../electron/devkit/reference-gateway/test-gateway.ts';
import { fromTokyo } from '../electron/node/hours/tokyo-time.ts';
import { createEmulatedCard } from '../native/devkit/emulator/emulated-card.ts';
import { VpcdLink } from '../native/devkit/emulator/vpcd-link.ts';
import { loadTestPki } from '../native/devkit/test-pki/test-pki.ts';
import { describeCertificate } from '../native/pki/describe-certificate.ts';
import { describeWhenAvailable } from './support/components.ts';
import { probePcscWithVpcd } from './support/pcsc-probe.ts';
import { until } from './support/until.ts';

/** Values that occur nowhere else: if one is found, it leaked. */
const CANARY_PIN = '7394';
const CANARY_AMOUNTS = ['918273645', '827364519', '736451928', '64519283', '51928374'];
const CANARY_RECORD = {
  課税年度: '2025',
  所得年: '2024',
  給与収入額: CANARY_AMOUNTS[0] ?? '',
  給与所得額: CANARY_AMOUNTS[1] ?? '',
  公的年金等収入額: '',
  事業所得額: `-${CANARY_AMOUNTS[4] ?? ''}`,
  合計所得金額: CANARY_AMOUNTS[2] ?? '',
  市町村民税所得割額: CANARY_AMOUNTS[3] ?? '',
};
const TUESDAY = fromTokyo(2026, 11, 24, 14, 0);

const work = mkdtempSync(join(tmpdir(), 'kiosk-canaries-'));
let gateway: ReferenceGateway;
let gatewayUrl: string;
let subject: string;
let fingerprint: string;

beforeAll(async () => {
  const started = Date.now();
  gateway = await createTestGateway({
    processingMs: 100,
    now: () => new Date(TUESDAY.getTime() + (Date.now() - started)),
    records: { default: { 地方税: [CANARY_RECORD] } },
  });
  gatewayUrl = await gateway.listen();
  const facts = describeCertificate((await loadTestPki()).auth.default.certificate);
  if (!facts.ok) throw new Error('test certificate');
  subject = facts.value.subject.split('CN=')[1] ?? '';
  fingerprint = facts.value.sha256Fingerprint.replaceAll(':', '').toLowerCase();
});
/** Every kiosk process started, so that a failed test leaves none running on pcscd's readers. */
const started: ChildProcess[] = [];
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await gateway.close();
  rmSync(work, { recursive: true, force: true });
});

/** Every form a canary could take in text: the number as digits and as the screen writes it. */
const needles = (): string[] => [
  ...CANARY_AMOUNTS.flatMap((amount) => [amount, Number(amount).toLocaleString('en-US')]),
  subject,
  fingerprint,
];
/** The PIN as a number on its own (four digits also occur inside longer numbers and random text). */
const PIN_ALONE = new RegExp(`(^|[^0-9])${CANARY_PIN}([^0-9]|$)`);

class KioskProcess {
  readonly child: ChildProcess;
  output = '';
  #next = 1;
  readonly #waiting = new Map<number, (value: unknown) => void>();

  constructor(dataDir: string) {
    this.child = fork(
      join(import.meta.dirname, 'support', 'kiosk-process.ts'),
      ['--data', dataDir, '--gateway', gatewayUrl, '--reader', 'Virtual PCD 00 00', '--now', TUESDAY.toISOString()],
      {
        execArgv: ['--expose-gc'],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
      },
    );
    started.push(this.child);
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('latin1')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('latin1')));
    this.child.on('message', (message: { id: number; value: unknown }) => {
      this.#waiting.get(message.id)?.(message.value);
      this.#waiting.delete(message.id);
    });
  }

  ready(): Promise<unknown> {
    return new Promise((resolve) => this.#waiting.set(0, resolve));
  }

  #ask(command: object): Promise<unknown> {
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.child.send({ id, ...command });
    });
  }

  view(): Promise<ViewModel> {
    return this.#ask({ type: 'view' }) as Promise<ViewModel>;
  }

  async send(...events: UiEvent[]): Promise<void> {
    for (const event of events) await this.#ask({ type: 'send', event });
  }

  async at(screen: ViewModel['screen']): Promise<ViewModel> {
    let view = await this.view();
    const deadline = Date.now() + 15_000;
    while (view.screen !== screen) {
      if (Date.now() > deadline) throw new Error(`expected ${screen}, still on ${view.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = await this.view();
    }
    return view;
  }

  snapshot(path: string): Promise<unknown> {
    return this.#ask({ type: 'snapshot', path });
  }

  stop(): Promise<unknown> {
    return this.#ask({ type: 'stop' });
  }
}

/** From the attract loop to the review with the canary card in the reader; the items the screen showed. */
async function toReview(kiosk: KioskProcess): Promise<Extract<ViewModel, { screen: 'review' }>> {
  await kiosk.at('attract');
  await kiosk.send({ type: 'TOUCH' }, { type: 'START' }, { type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
  await kiosk.at('confirmation');
  await kiosk.send({ type: 'AGREE' });
  await kiosk.at('insert-card');
  const link = new VpcdLink({ card: await createEmulatedCard('default', { pin: CANARY_PIN }) });
  await link.start();
  cardLinks.push(link);
  await kiosk.at('pin');
  await kiosk.send(...Array.from(CANARY_PIN, (digit) => ({ type: 'DIGIT' as const, digit: Number(digit) })), { type: 'SUBMIT_PIN' });
  const review = await kiosk.at('review');
  if (review.screen !== 'review') throw new Error('unreachable');
  // The canaries did reach the kiosk: their absence later is not for want of them.
  expect(JSON.stringify(review.items)).toContain(String(Number(CANARY_AMOUNTS[0])));
  return review;
}

const cardLinks: VpcdLink[] = [];
const takeCard = async (): Promise<void> => {
  for (const link of cardLinks.splice(0)) await link.stop();
};

/**
 * The values a V8 heap snapshot says the process still holds: the names of its nodes, which
 * for strings and heap numbers are their contents. (The snapshot's string table also holds
 * edge labels such as slot numbers of V8's own string table, which are no data of the kiosk.)
 */
function heapValues(path: string): string[] {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const name = fields.indexOf('name');
  const values = new Set<string>();
  for (let node = 0; node < snapshot.nodes.length; node += fields.length)
    values.add(snapshot.strings[snapshot.nodes[node + name] ?? 0] ?? '');
  return [...values];
}

/** Every file the kiosk wrote in its data folder, as raw text. */
function dataFiles(dataDir: string): { file: string; text: string }[] {
  return readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(dataDir, file))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ file: path, text: readFileSync(path).toString('latin1') }));
}

describeWhenAvailable('personal-data canaries in the product’s kiosk core', await probePcscWithVpcd(), () => {
  it('leaves no canary in memory, logs or database after completed, declined and cancelled sessions', async () => {
    const dataDir = join(work, 'sessions');
    const kiosk = new KioskProcess(dataDir);
    await kiosk.ready();

    // Completed: consent, the bank's receipt, the card taken.
    const review = await toReview(kiosk);
    const keys = review.items.map(itemKey);
    await kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: keys.at(-1) ?? '' }, { type: 'CONFIRM', itemKeys: keys });
    await kiosk.at('finishing');
    await takeCard();
    await kiosk.at('complete');
    await kiosk.send({ type: 'DISMISS' });
    expect(gateway.submissions).toHaveLength(1);

    // Declined at the review.
    await toReview(kiosk);
    await kiosk.send({ type: 'DECLINE' });
    await kiosk.at('returning-card');
    await takeCard();

    // Cancelled with three digits of the PIN typed.
    await kiosk.at('attract');
    await kiosk.send({ type: 'TOUCH' }, { type: 'START' }, { type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await kiosk.at('confirmation');
    await kiosk.send({ type: 'AGREE' });
    await kiosk.at('insert-card');
    const link = new VpcdLink({ card: await createEmulatedCard('default', { pin: CANARY_PIN }) });
    await link.start();
    cardLinks.push(link);
    await kiosk.at('pin');
    await kiosk.send(...Array.from(CANARY_PIN.slice(0, 3), (digit) => ({ type: 'DIGIT' as const, digit: Number(digit) })), {
      type: 'CANCEL',
    });
    await kiosk.at('returning-card');
    await takeCard();
    await kiosk.at('attract');

    const snapshot = join(work, 'kiosk.heapsnapshot');
    await kiosk.snapshot(snapshot);
    const strings = heapValues(snapshot);
    for (const needle of needles())
      expect({ needle, inHeap: strings.some((text) => text.includes(needle)) }).toEqual({ needle, inHeap: false });
    expect(strings.filter((text) => PIN_ALONE.test(text))).toEqual([]);
    await kiosk.stop();

    for (const { file, text } of dataFiles(dataDir)) {
      for (const needle of needles()) expect({ file, needle, found: text.includes(needle) }).toEqual({ file, needle, found: false });
      expect({ file, pin: PIN_ALONE.test(text) && text.includes(`"${CANARY_PIN}"`) }).toEqual({ file, pin: false });
    }
    expect(kiosk.output.length).toBeLessThan(100_000);
    for (const needle of needles()) expect(kiosk.output).not.toContain(needle);
  }, 120_000);

  it('prints no canary when it is killed with a customer’s data on screen, and leaves none on disk', async () => {
    const dataDir = join(work, 'crash');
    const kiosk = new KioskProcess(dataDir);
    await kiosk.ready();
    await toReview(kiosk);
    kiosk.child.kill('SIGKILL');
    await until(() => kiosk.child.exitCode !== null || kiosk.child.signalCode !== null, 'the kiosk to die');
    await takeCard();
    for (const needle of needles()) expect(kiosk.output).not.toContain(needle);
    expect(PIN_ALONE.test(kiosk.output)).toBe(false);
    for (const { file, text } of dataFiles(dataDir))
      for (const needle of needles()) expect({ file, needle, found: text.includes(needle) }).toEqual({ file, needle, found: false });
  }, 120_000);
});
