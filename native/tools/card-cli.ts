// `npm run card -- status [--json]`: every PC/SC reader and the card in it, without
// spending a PIN try and without asking for a PIN.
import { parseArgs } from 'node:util';
import { formatStatusReport, inspectReaders } from '../diagnostics/card-status.ts';
import { PcscReaderPort } from '../pcsc/pcsc-reader-port.ts';

const USAGE = 'usage: npm run card -- status [--json]\n';

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (parsed.positionals.join(' ') !== 'status') {
  process.stderr.write(USAGE);
  process.exit(2);
}

const port = new PcscReaderPort();
port.start();
const report = await inspectReaders(port, await port.settled());
await port.close();
process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatusReport(report));
process.exitCode = report.serviceAvailable ? 0 : 1;
