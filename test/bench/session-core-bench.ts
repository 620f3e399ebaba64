// `node test/bench/session-core-bench.ts [--runs N]`: the kiosk core in-process (session
// machine, card access, gateway client, database), as fast as its own software allows: an
// emulated card with no latency in the simulated motorised reader, the reference gateway in
// a process of its own with マイナポータル answering at once, and a customer with no think time
// (the card is taken the moment it is at the slot). Each step is timed from the event to the
// moment the core publishes the next screen to its host (Kiosk.subscribe):
//   card inserted → PIN screen; PIN submitted → review; 確認 → receipt (complete).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { itemKey } from '../../electron/common/item-key.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import type { Kiosk } from '../../electron/node/kiosk.ts';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import { timing } from '../../native/devkit/tools/bench-stats.ts';
import { CountingCard } from '../../native/devkit/tools/counting-card.ts';
import { TestKiosk } from '../support/kiosk-driver.ts';
import { spawnGateway } from './spawn-gateway.ts';

const STEPS = ['cardInsertedToPin', 'pinSubmittedToReview', 'confirmToReceipt'] as const;

/** Resolves with the time at which the core publishes a view of `screen` (subscribe before acting). */
function published(kiosk: Kiosk, screen: ViewModel['screen']): Promise<number> {
  return new Promise((resolve) => {
    const unsubscribe = kiosk.subscribe((view) => {
      if (view.screen !== screen) return;
      const at = performance.now();
      unsubscribe();
      resolve(at);
    });
  });
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, warmup: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs));
const warmup = Math.max(0, Number(values.warmup));

const gateway = await spawnGateway();
const driver = await TestKiosk.start({ gatewayUrl: gateway.url, delays: { completeScreen: 1 } });
const { kiosk } = driver;
const reader = driver.motorised();
// No think time: the card is taken as soon as the reader has put it out.
driver.reader.on('card-removed', () => setImmediate(() => reader.take()));

const samples = new Map<(typeof STEPS)[number], number[]>(STEPS.map((step) => [step, []]));
const apdus: number[] = [];
try {
  for (let run = 0; run < warmup + runs; run += 1) {
    await driver.toInsertCard();
    const card = new CountingCard(await createEmulatedCard('default'));

    const pin = published(kiosk, 'pin');
    const inserted = performance.now();
    if (!reader.insert(card)) throw new Error('the reader refused the card');
    const atPin = await pin;

    for (const digit of '1234') kiosk.send({ type: 'DIGIT', digit: Number(digit) });
    const review = published(kiosk, 'review');
    const submitted = performance.now();
    kiosk.send({ type: 'SUBMIT_PIN' });
    const atReview = await review;

    const view = kiosk.view();
    if (view.screen !== 'review') throw new Error(`not on review: ${view.screen}`);
    const last = view.items.at(-1);
    if (last) kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: itemKey(last) });
    const complete = published(kiosk, 'complete');
    const confirmed = performance.now();
    kiosk.send({ type: 'CONFIRM', itemKeys: view.items.map(itemKey) });
    const atReceipt = await complete;
    const receipt = kiosk.view();
    if (receipt.screen !== 'complete' || receipt.submission.status !== 'delivered')
      throw new Error(`no receipt: ${JSON.stringify(receipt)}`);

    if (run >= warmup) {
      samples.get('cardInsertedToPin')?.push(atPin - inserted);
      samples.get('pinSubmittedToReview')?.push(atReview - submitted);
      samples.get('confirmToReceipt')?.push(atReceipt - confirmed);
      apdus.push(card.count);
    }
  }
} finally {
  await driver.stop();
  await gateway.stop();
}

const report = {
  path: 'kiosk core in-process: simulated motorised reader, zero-latency emulated card, reference gateway in another process (マイナポータル 0 ms)',
  runs,
  steps: Object.fromEntries([...samples].map(([step, ms]) => [step, timing(ms)])),
  cardApdusPerSession: Math.max(...apdus),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
