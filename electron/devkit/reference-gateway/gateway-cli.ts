// `npm run gateway -- [--port N] [--processing-ms N]`: the reference gateway alone, on loopback.
import { parseArgs } from 'node:util';
import { createTestGateway } from './test-gateway.ts';

const USAGE = 'usage: npm run gateway -- [--port 8787] [--processing-ms 1500]\n';
let values;
try {
  values = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'processing-ms': { type: 'string', default: '1500' },
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
const gateway = await createTestGateway({ processingMs });
const url = await gateway.listen(port);
process.stdout.write(`reference gateway (TEST PKI, simulated マイナポータル) listening on ${url}\n`);
const stop = (): void => void gateway.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
