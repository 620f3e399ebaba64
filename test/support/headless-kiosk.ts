// A kiosk in its own process, for the crash tests: `--phase consent` drives one session with
// the default test card to 確認 and reports "consented"; `--phase resume` starts the kiosk
// on the same data (which re-sends what is pending) and reports what is left.
import { parseArgs } from 'node:util';
import { createEmulatedCard } from '../../native/emulator/emulated-card.ts';
import type { SimulatedMotorisedReader } from '../../native/emulator/motorised-reader.ts';
import { Kiosk } from '../../electron/core/kiosk.ts';

const { values } = parseArgs({
  options: { data: { type: 'string' }, gateway: { type: 'string' }, phase: { type: 'string' }, now: { type: 'string' } },
});
if (!values.data || !values.gateway) throw new Error('--data and --gateway are required');
// A running clock from --now, so that the test does not depend on today's operating hours.
const started = Date.now();
const base = values.now ? Date.parse(values.now) : started;
const now = (): Date => new Date(base + (Date.now() - started));

const kiosk = await Kiosk.start({
  dataDir: values.data,
  gatewayUrl: values.gateway,
  reader: { kind: 'simulated', mechanics: 'motorised' },
  now,
});

if (values.phase === 'resume') {
  const delivered = kiosk.audit.counters()['submission-delivered'] ?? 0;
  process.stdout.write(`pending=${String(kiosk.outbox.size)} delivered=${String(delivered)}\n`);
  await kiosk.stop();
  process.exit(0);
}

const until = async (screen: string): Promise<void> => {
  while (kiosk.view().screen !== screen) await new Promise((resolve) => setTimeout(resolve, 10));
};
await until('attract');
kiosk.send({ type: 'START' });
kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
await until('confirmation');
kiosk.send({ type: 'AGREE' });
await until('insert-card');
(kiosk.simulated?.mechanics as SimulatedMotorisedReader).insert(await createEmulatedCard('default'));
await until('pin');
for (const digit of [1, 2, 3, 4]) kiosk.send({ type: 'DIGIT', digit });
kiosk.send({ type: 'SUBMIT_PIN' });
await until('review');
const view = kiosk.view();
if (view.screen !== 'review') throw new Error('not on review');
kiosk.send({ type: 'CONFIRM', itemIds: view.items.map((item) => item.id) });
await until('finishing');
process.stdout.write(`consented pending=${String(kiosk.outbox.size)}\n`);
// Stays up until killed.
setInterval(() => undefined, 60_000);
