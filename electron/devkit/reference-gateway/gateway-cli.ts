// `npm run gateway -- [--port N] [--processing-ms N] [--fault SPEC]...`: the reference gateway
// alone, on loopback, optionally having a bad day.
import { parseArgs } from 'node:util';
import { FAULT_SPEC_HELP, parseFaultSpec, type FaultSpec } from './fault-spec.ts';
import { createTestGateway } from './test-gateway.ts';

const USAGE = `usage: npm run gateway -- [--port 8787] [--processing-ms 1500] [--fault SPEC]...
  --fault SPEC  play this fault (repeatable): ${FAULT_SPEC_HELP}
`;
let values;
try {
  values = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'processing-ms': { type: 'string', default: '1500' },
      fault: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const port = Number(values.port);
const processingMs = Number(values['processing-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(processingMs) || processingMs < 0) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const faults: FaultSpec[] = [];
for (const text of values.fault) {
  const fault = parseFaultSpec(text);
  if (!fault.ok) {
    process.stderr.write(`${fault.error}\n${USAGE}`);
    process.exit(2);
  }
  faults.push(fault.value);
}
const gateway = await createTestGateway({ processingMs });
for (const { route, fault, times } of faults) gateway.faults.inject(route, fault, times);
const url = await gateway.listen(port);
process.stdout.write(`reference gateway (TEST PKI, simulated マイナポータル) listening on ${url}\n`);
if (faults.length > 0) process.stdout.write(`playing ${values.fault.join(', ')}\n`);
const stop = (): void => void gateway.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
