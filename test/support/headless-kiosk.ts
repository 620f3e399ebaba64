// A kiosk in its own process, for the crash tests: `--phase consent` drives one session with
// the default test card to 確認 and reports "consented"; `--phase resume` starts the kiosk
// on the same data (which re-sends what is pending) and reports what is left; `--phase loop`
// completes one session after another, its courier running, until it is killed.
import { parseArgs } from 'node:util';
import { TestKiosk } from './kiosk-driver.ts';

const { values } = parseArgs({
  options: { data: { type: 'string' }, gateway: { type: 'string' }, phase: { type: 'string' }, now: { type: 'string' } },
});
if (!values.data || !values.gateway) throw new Error('--data and --gateway are required');
// A running clock from --now, so that the test does not depend on today's operating hours.
const started = Date.now();
const base = values.now ? Date.parse(values.now) : started;
const now = (): Date => new Date(base + (Date.now() - started));

const driver = await TestKiosk.start({ dataDir: values.data, gatewayUrl: values.gateway, now, courierIntervalMs: 100 });
const { kiosk } = driver;

if (values.phase === 'resume') {
  // The courier (every 100 ms here) sends what is pending; on a loaded machine a first try may
  // time out, so what is still pending after 20 s is what the kiosk failed to send.
  const deadline = Date.now() + 20_000;
  while (kiosk.outbox.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const delivered = kiosk.audit.counters()['submission-delivered'] ?? 0;
  process.stdout.write(`pending=${String(kiosk.outbox.size)} delivered=${String(delivered)}\n`);
  await driver.stop();
  process.exit(0);
}

if (values.phase === 'loop') {
  // The trials time their kill from here: on a loaded machine the start-up alone can take seconds.
  process.stdout.write('started\n');
  for (;;) {
    await driver.toReview();
    await driver.confirm();
    await driver.screen('finishing');
    driver.take();
    await driver.screen('complete');
    kiosk.send({ type: 'DISMISS' });
    await driver.screen('attract');
    process.stdout.write('completed\n');
  }
}

await driver.toReview();
await driver.confirm();
await driver.screen('finishing');
process.stdout.write(`consented pending=${String(kiosk.outbox.size)}\n`);
// Stays up until killed.
setInterval(() => undefined, 60_000);
