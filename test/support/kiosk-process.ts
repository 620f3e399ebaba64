// The product's kiosk core in a process of its own, as in a branch: the branch composition
// (a PC/SC reader through the supervised card service, the bank's gateway), driven by its
// parent over IPC as the screen would drive it. The parent asks for the view, sends screen
// events, and — after garbage collection — a heap snapshot of this process, so that what the
// kiosk core still holds after a customer's session can be searched. Run with --expose-gc.
//   node --expose-gc test/support/kiosk-process.ts --data DIR --gateway URL --reader NAME --now ISO
import { writeHeapSnapshot } from 'node:v8';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startKioskRuntime } from '../../electron/node/compose-kiosk.ts';

const { values } = parseArgs({
  options: { data: { type: 'string' }, gateway: { type: 'string' }, reader: { type: 'string' }, now: { type: 'string' } },
});
if (!values.data || !values.gateway || !values.reader || !process.send)
  throw new Error('--data, --gateway, --reader and an IPC channel are required');
const send = process.send.bind(process);
// A running clock from --now, so that the session does not depend on today's operating hours.
const started = Date.now();
const base = values.now ? Date.parse(values.now) : started;
const now = (): Date => new Date(base + (Date.now() - started));

const runtime = await startKioskRuntime(
  {
    dataDir: values.data,
    gateway: { kind: 'remote', url: values.gateway },
    reader: { kind: 'pcsc', name: values.reader },
    display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
  },
  {},
  { now, healthIntervalMs: 500, courierIntervalMs: 200 },
);

const Command = z.discriminatedUnion('type', [
  z.object({ id: z.number(), type: z.literal('view') }),
  z.object({ id: z.number(), type: z.literal('send'), event: z.unknown() }),
  z.object({ id: z.number(), type: z.literal('snapshot'), path: z.string() }),
  z.object({ id: z.number(), type: z.literal('stop') }),
]);

process.on('message', (raw) => {
  const command = Command.parse(raw);
  const answer = (value: unknown): void => void send({ id: command.id, value });
  switch (command.type) {
    case 'view':
      answer(runtime.kiosk.view());
      return;
    case 'send':
      answer(runtime.kiosk.send(command.event));
      return;
    case 'snapshot': {
      // Twice: a first collection can leave what finalizers release for the second.
      (globalThis as { gc?: () => void }).gc?.();
      (globalThis as { gc?: () => void }).gc?.();
      // Numbers too: an amount of yen held in an object is a small integer V8 does not list otherwise.
      answer(writeHeapSnapshot(command.path, { exposeNumericValues: true }));
      return;
    }
    case 'stop':
      void runtime.stop().then(() => {
        answer(null);
        process.exit(0);
      });
  }
});
send({ id: 0, value: 'ready' });
