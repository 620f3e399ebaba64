// The reference gateway in a process of its own, so that what a test measures of the kiosk's
// process (its heap, in the soak) is the kiosk's alone. Tells its parent its URL; takes fault
// injections and answers with its submission count over IPC.
//   node test/support/gateway-process.ts --processing-ms N --now ISO
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createTestGateway } from '../../electron/devkit/reference-gateway/test-gateway.ts';

const { values } = parseArgs({ options: { 'processing-ms': { type: 'string', default: '0' }, now: { type: 'string' } } });
if (!process.send) throw new Error('the gateway process needs an IPC channel to its parent');
const send = process.send.bind(process);
const started = Date.now();
const base = values.now ? Date.parse(values.now) : started;
const gateway = await createTestGateway({
  processingMs: Number(values['processing-ms']),
  now: () => new Date(base + (Date.now() - started)),
});
const url = await gateway.listen();

const Command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fault'), route: z.string(), fault: z.unknown(), times: z.number() }),
  z.object({ type: z.literal('submissions') }),
]);
process.on('message', (raw) => {
  const command = Command.parse(raw);
  if (command.type === 'fault') gateway.faults.inject(command.route as never, command.fault as never, command.times);
  else send({ submissions: gateway.submissions.length });
});
process.on('disconnect', () => void gateway.close().then(() => process.exit(0)));
send({ url });
