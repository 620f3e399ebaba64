// `npm run emulator -- --vpcd [--port 35963] [--profile NAME]`: an emulated My Number card
// in a virtual reader of pcscd, until stopped with Ctrl-C (SIGINT) or SIGTERM.
import { parseArgs } from 'node:util';
import { CARD_PROFILE_NAMES, CARD_PROFILES, DEMO_PIN, isCardProfileName } from '../emulator/card-profiles.ts';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { SILENT_AT, type SilentAt } from '../emulator/my-number-card.ts';
import { VPCD_DEFAULT_PORT, VpcdLink } from '../emulator/vpcd-link.ts';

const USAGE = `usage: npm run emulator -- --vpcd [--port ${VPCD_DEFAULT_PORT}] [--profile NAME] [--apdu-ms N] [--sign-ms N]
                              [--read-max N] [--silent-at read|verify|sign|any] [--claim-certificate-bytes N]

Attaches an emulated My Number card to vsmartcard's vpcd driver in pcscd (port 35963 is the
reader "Virtual PCD 00 00", 35964 "Virtual PCD 00 01"). --apdu-ms and --sign-ms add latency
per APDU and per signature (any profile). Odd and hostile cards, any profile:
  --read-max N                   READ BINARY answers at most N (1..256) bytes, like a card with a small buffer
  --silent-at read|verify|sign|any  goes mute at a READ BINARY, a VERIFY with a PIN, SIGN or any command,
                                 answering nothing until reset (vpcd has no timeout: pcscd waits)
  --claim-certificate-bytes N    the user-auth certificate's DER header claims N bytes (e.g. 61440)
Profiles (PIN ${DEMO_PIN} for all):
${CARD_PROFILE_NAMES.map((name) => `  ${name.padEnd(14)} ${CARD_PROFILES[name].description}`).join('\n')}
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      vpcd: { type: 'boolean' },
      port: { type: 'string' },
      profile: { type: 'string' },
      'apdu-ms': { type: 'string' },
      'sign-ms': { type: 'string' },
      'read-max': { type: 'string' },
      'silent-at': { type: 'string' },
      'claim-certificate-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!args.vpcd) fail('Only the vpcd attachment is available from the command line (--vpcd).');
const port = Number(args.port ?? VPCD_DEFAULT_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a TCP port, not "${args.port ?? ''}"`);
const profile = args.profile ?? 'default';
if (!isCardProfileName(profile)) fail(`unknown profile "${profile}"`);

const milliseconds = (flag: 'apdu-ms' | 'sign-ms'): number => {
  const value = Number(args[flag] ?? 0);
  if (!Number.isInteger(value) || value < 0 || value > 60_000) fail(`--${flag} must be 0..60000 milliseconds`);
  return value;
};
const latency =
  args['apdu-ms'] !== undefined || args['sign-ms'] !== undefined
    ? { apduMs: milliseconds('apdu-ms'), signMs: milliseconds('sign-ms') }
    : undefined;

const integer = (flag: 'read-max' | 'claim-certificate-bytes', min: number, max: number): number | undefined => {
  const text = args[flag];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${flag} must be ${String(min)}..${String(max)}`);
  return value;
};
const maxReadLength = integer('read-max', 1, 256);
const certificateLengthClaim = integer('claim-certificate-bytes', 4, 0xffff + 4);
const silentAt = args['silent-at'];
const isSilentAt = (text: string): text is SilentAt => (SILENT_AT as readonly string[]).includes(text);
if (silentAt !== undefined && !isSilentAt(silentAt)) fail(`--silent-at takes ${SILENT_AT.join(', ')}, not "${silentAt}"`);

const card = await createEmulatedCard(profile, {
  ...(latency ? { latency } : {}),
  ...(maxReadLength === undefined ? {} : { quirks: { maxReadLength } }),
  ...(certificateLengthClaim === undefined ? {} : { certificateLengthClaim }),
  ...(silentAt === undefined ? {} : { silentAt }),
});
const link = new VpcdLink({ card, port });
let announced = false;
link.on('connected', () => {
  process.stdout.write(`card inserted: profile ${profile} (PIN ${DEMO_PIN}) attached to vpcd on 127.0.0.1:${port}\n`);
  announced = true;
});
let stopping = false;
link.on('disconnected', () => {
  if (!stopping) process.stdout.write('vpcd connection lost (pcscd stopped?); reattaching when it is back…\n');
});
const waiting = setTimeout(() => {
  if (!announced) process.stdout.write(`waiting for vpcd on 127.0.0.1:${port} (is pcscd running with vsmartcard-vpcd?)…\n`);
}, 2000);

const stop = (): void => {
  stopping = true;
  clearTimeout(waiting);
  void link.stop().then(() => {
    process.stdout.write('card removed; emulator stopped\n');
    process.exit(0);
  });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
void link.start();
