// `npm run card -- status [--json] [--crl FILE]… [--ca FILE]… [--timeout-ms N]`: every PC/SC
// reader and the card in it with a verdict, without spending a PIN try and without asking for
// a PIN. The readers are inspected in a worker process (run-card-status.ts), so that a card
// that never answers costs at most the deadline and this command always ends. With
// `--xfs4iot URL`, the XFS4IoT motorised reader of that service publisher instead
// (xfs4iot-card-status.ts): its commands carry their own timeouts, so no worker is needed;
// with `--chip-reader NAME` as well, one whose chip contacts are that PC/SC reader
// (pcsc-chip-card-status.ts): the motor through XFS4IoT, the card through the worker.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatStatusReport } from '../../diagnostics/card-status.ts';
import { parseCertificate, parseCrl } from '../../pki/parse-der.ts';
import { derObjects } from '../../pki/pem.ts';
import { pcscChipCardStatus } from './pcsc-chip-card-status.ts';
import { runCardStatus } from './run-card-status.ts';
import { xfs4iotCardStatus } from './xfs4iot-card-status.ts';

/** Real cards answer a status command in tens of milliseconds; a reader's own retries take a few seconds at most. */
const DEFAULT_TIMEOUT_MS = 5000;

const USAGE = `usage: npm run card -- status [--json] [--crl FILE]… [--ca FILE]… [--timeout-ms N]
       npm run card -- status --xfs4iot URL [--chip-reader NAME] [--xfs4iot-ca FILE] [--accept-ms N] [same options]

  --json          the report as JSON (each reader's "verdict" is one of the words below)
  --crl FILE      a CRL (DER or PEM) to check the user-auth certificate against; it counts
                  only when current and signed by the certificate's issuer
  --ca FILE       the CA certificates (DER or PEM) that may have issued it; without --ca,
                  the 利用者証明用 CA certificate the card carries (EF 000B)
  --timeout-ms N  longest wait for a card to answer one command (default ${String(DEFAULT_TIMEOUT_MS)})
  --xfs4iot URL   the XFS4IoT motorised reader found through this service publisher
                  (ws://127.0.0.1:5846/xfs4iot/v1.0, or wss:// with --xfs4iot-ca); a card it
                  holds for the kiosk is reported in-use and left alone
  --chip-reader NAME  with --xfs4iot: the motorised reader's chip contacts are this PC/SC reader
                  (the configuration's reader.chip.name); the card is read through PC/SC
  --xfs4iot-ca FILE  the CA (PEM) of the service's TLS certificate
  --accept-ms N   open the reader's intake for N ms: a card put in is read and given back
                  at the exit (the reader test; put the kiosk out of service first)

Verdicts: ok, no-card, in-use, card-not-responding, not-jpki-card, not-my-number-card,
smartphone-token, certificate-too-large, unreadable, certificate-expired,
certificate-not-yet-valid, certificate-revoked, pin-blocked.
`;

function fail(message: string): never {
  process.stderr.write(`${message ? `${message}\n` : ''}${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      crl: { type: 'string', multiple: true },
      ca: { type: 'string', multiple: true },
      'timeout-ms': { type: 'string' },
      xfs4iot: { type: 'string' },
      'xfs4iot-ca': { type: 'string' },
      'chip-reader': { type: 'string' },
      'accept-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (parsed.positionals.join(' ') !== 'status') fail('');

const commandTimeoutMs = Number(parsed.values['timeout-ms'] ?? DEFAULT_TIMEOUT_MS);
if (!Number.isInteger(commandTimeoutMs) || commandTimeoutMs < 100 || commandTimeoutMs > 60_000) {
  fail('--timeout-ms must be 100..60000 milliseconds');
}

/** Every object of the kind in the files, or a usage error naming the file. */
function readObjects(
  flag: string,
  files: readonly string[],
  label: 'X509 CRL' | 'CERTIFICATE',
  valid: (der: Uint8Array) => boolean,
): Uint8Array[] {
  return files.flatMap((file) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      fail(`--${flag} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
    }
    const objects = derObjects(bytes, label);
    if (objects.length === 0 || !objects.every(valid))
      fail(`--${flag} ${file}: not a ${label === 'X509 CRL' ? 'CRL' : 'certificate'} (DER or PEM)`);
    return objects;
  });
}

const crls = readObjects('crl', parsed.values.crl ?? [], 'X509 CRL', (der) => parseCrl(der) !== undefined);
const cas = readObjects('ca', parsed.values.ca ?? [], 'CERTIFICATE', (der) => parseCertificate(der) !== undefined);

const endpoint = parsed.values.xfs4iot;
const acceptMs = parsed.values['accept-ms'] === undefined ? undefined : Number(parsed.values['accept-ms']);
if (acceptMs !== undefined && (!endpoint || !Number.isInteger(acceptMs) || acceptMs < 1000 || acceptMs > 300_000)) {
  fail('--accept-ms goes with --xfs4iot and is 1000..300000 milliseconds');
}
if (parsed.values['xfs4iot-ca'] !== undefined && !endpoint) fail('--xfs4iot-ca goes with --xfs4iot');
const chipReader = parsed.values['chip-reader'];
if (chipReader !== undefined && (!endpoint || chipReader === '')) fail('--chip-reader NAME goes with --xfs4iot');

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(`--xfs4iot-ca ${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
  }
}

const xfs4iotCa = parsed.values['xfs4iot-ca'];
const xfs4iot = endpoint && {
  endpoint,
  ...(xfs4iotCa ? { tls: { ca: readCa(xfs4iotCa) } } : {}),
  connectMs: 10_000,
  ...(acceptMs === undefined ? {} : { acceptMs }),
  commandTimeoutMs,
  crls,
  cas,
};
const outcome = xfs4iot
  ? await (chipReader === undefined ? xfs4iotCardStatus(xfs4iot) : pcscChipCardStatus({ ...xfs4iot, chipReader }))
  : await runCardStatus({ commandTimeoutMs, crls, cas });
if (!outcome.ok) {
  process.stderr.write(`card status failed: ${outcome.error}\n`);
  process.exitCode = 1;
} else {
  const report = outcome.value;
  process.stdout.write(
    parsed.values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatStatusReport(report, endpoint ? 'Card reader service' : 'PC/SC service'),
  );
  process.exitCode = report.serviceAvailable ? 0 : 1;
}
