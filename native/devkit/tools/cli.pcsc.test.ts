// The developer and operator commands, run as a user would: the emulator in one process,
// `npm run card -- status` in another, both through pcscd.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { describeWhenAvailable } from '../../../test/support/components.ts';
import { probePcscWithVpcd } from '../../../test/support/pcsc-probe.ts';
import { EventLog } from '../../../test/support/pcsc-port.ts';
import { VERDICTS } from '../../diagnostics/card-verdict.ts';
import { PcscReaderPort } from '../../pcsc/pcsc-reader-port.ts';
import { loadTestPki, type TestPki } from '../test-pki/test-pki.ts';

const run = promisify(execFile);
const tool = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));
const READER = 'Virtual PCD 00 01';

const StatusJson = z.object({
  serviceAvailable: z.boolean(),
  readers: z.array(
    z.object({
      reader: z.string(),
      card: z.string(),
      verdict: z.enum(VERDICTS),
      explanation: z.string(),
      atr: z.string().optional(),
      jpkiApplication: z.string().optional(),
      tokenLabel: z.string().optional(),
      pinTriesLeft: z.number().optional(),
      certificate: z
        .object({ subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string(), sha256Fingerprint: z.string() })
        .optional(),
      revocation: z.string().optional(),
    }),
  ),
});

type ReaderJson = z.infer<typeof StatusJson>['readers'][number];

/** Runs the command as an operator would; a run that hangs is killed and fails the test. */
async function cardStatus(...flags: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [tool('card-cli.ts'), 'status', ...flags], { timeout: 30_000, killSignal: 'SIGKILL' });
  return stdout;
}

async function statusOf(reader: string, ...flags: string[]): Promise<ReaderJson | undefined> {
  return StatusJson.parse(JSON.parse(await cardStatus('--json', ...flags))).readers.find((entry) => entry.reader === reader);
}

/** Waits until pcscd reports the reader with or without a card, sending no card a command. */
async function waitForReader(reader: string, card: 'present' | 'empty', timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const port = new PcscReaderPort();
  port.start();
  try {
    await port.settled();
    while (port.snapshot().readers.find((state) => state.name === reader)?.card !== card) {
      if (Date.now() > deadline) throw new Error(`pcscd did not report ${reader} ${card}: ${JSON.stringify(port.snapshot())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await port.close();
  }
}

let pki: TestPki;
let files: string;
beforeAll(async () => {
  pki = await loadTestPki();
  files = mkdtempSync(join(tmpdir(), 'card-cli-'));
});

describeWhenAvailable('the emulator and card status commands', await probePcscWithVpcd(), () => {
  const running: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    // Until pcscd has seen the card go, it would still report it to the next test.
    await waitForReader(READER, 'empty', 10_000);
  });

  async function startEmulator(profile: string, ...flags: string[]): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [tool('emulator-cli.ts'), '--vpcd', '--port', '35964', '--profile', profile, ...flags], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!output.includes('card inserted')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`emulator did not attach: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // pcscd polls vpcd: wait until it reports the card.
    await waitForReader(READER, 'present', deadline - Date.now());
    return { child, output: () => output };
  }

  it('shows the virtual card: ATR, JPKI AP, token, certificate and PIN tries, spending no try', async () => {
    const { child, output } = await startEmulator('one-try-left');
    expect(output()).toBe('card inserted: profile one-try-left (PIN 1234) attached to vpcd on 127.0.0.1:35964\n');
    const first = await statusOf(READER);
    expect(first).toMatchObject({
      card: 'present',
      verdict: 'ok',
      explanation: 'usable: 1 PIN try left; revocation not checked (no CRL given)',
      atr: '3BE000FF8131FE4514',
      jpkiApplication: 'yes',
      tokenLabel: 'JPKIAPICCTOKEN2',
      pinTriesLeft: 1,
    });
    expect(first?.certificate?.subject).toMatch(/^C=JP, CN=[0-9A-Z]{23}$/);
    expect(first?.certificate?.issuer).toContain('JPKI-TEST');
    expect(first?.certificate?.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Reading the status again still finds the single try: the first read spent none.
    expect((await statusOf(READER))?.pinTriesLeft).toBe(1);
    expect(await cardStatus()).toMatch(
      /Reader: Virtual PCD 00 01\n {2}verdict: +ok: usable: 1 PIN try left; [^\n]*\n {2}card: +present\n[\s\S]*PIN tries left: +1\n/,
    );

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output()).toContain('card removed; emulator stopped');
  });

  it('reports a card held by a session as in use, without touching it', async () => {
    await startEmulator('default');
    const port = new PcscReaderPort();
    const log = new EventLog(port);
    port.start();
    try {
      await log.waitFor((event) => event.type === 'card-inserted' && event.reader === READER);
      const held = await port.connect(READER, { exclusive: true });
      if (!held.ok) throw new Error(held.error);
      expect(await statusOf(READER)).toMatchObject({ card: 'present', verdict: 'in-use', jpkiApplication: 'in-use' });
      await held.value.disconnect('reset');
    } finally {
      await port.close();
    }
  });

  it('names a card that is not a My Number card', async () => {
    await startEmulator('not-jpki');
    expect(await statusOf(READER)).toMatchObject({ card: 'present', verdict: 'not-jpki-card', jpkiApplication: 'no' });
  });

  it('gives a card that never answers a not-responding verdict within the deadline, and ends', { timeout: 60_000 }, async () => {
    await startEmulator('default', '--silent-at', 'read');
    let started = Date.now();
    const report = StatusJson.parse(JSON.parse(await cardStatus('--json')));
    // The default deadline is 5 s per command; pcscd and the worker process add about a second.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.readers.find((entry) => entry.reader === READER)).toMatchObject({
      card: 'present',
      verdict: 'card-not-responding',
      explanation: 'the card did not answer READ BINARY within 5000 ms',
    });
    // The other reader is still reported.
    expect(report.readers.map((entry) => entry.reader)).toContain('Virtual PCD 00 00');
    // pcscd still waits on the card: now even connecting to it hangs, and the command still ends.
    started = Date.now();
    expect(await cardStatus('--timeout-ms', '1000')).toMatch(
      /Reader: Virtual PCD 00 01\n {2}verdict: +card-not-responding: the reader did not connect to the card within 1000 ms\n/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('judges a certificate header claiming 60 KB too large, not missing', async () => {
    await startEmulator('default', '--claim-certificate-bytes', '61440');
    expect(await statusOf(READER)).toMatchObject({
      verdict: 'certificate-too-large',
      explanation: 'the DER header of the user-auth certificate claims 61440 bytes, more than any real certificate: nothing more was read',
      jpkiApplication: 'yes',
      pinTriesLeft: 3,
    });
  });

  it('reads a card that answers READ BINARY in short chunks', async () => {
    await startEmulator('default', '--read-max', '100');
    const status = await statusOf(READER);
    expect(status).toMatchObject({ verdict: 'ok', pinTriesLeft: 3 });
    expect(status?.certificate?.sha256Fingerprint.replaceAll(':', '')).toBe(
      createHash('sha256').update(pki.auth.default.certificate).digest('hex').toUpperCase(),
    );
  });

  it('finds the revoked card in a CRL file (PEM), and only then', async () => {
    const crl = join(files, 'auth-ca.crl.pem');
    writeFileSync(crl, `-----BEGIN X509 CRL-----\n${Buffer.from(pki.crl).toString('base64')}\n-----END X509 CRL-----\n`);
    await startEmulator('revoked');
    expect(await statusOf(READER, '--crl', crl)).toMatchObject({ verdict: 'certificate-revoked', revocation: 'revoked' });
    expect(await statusOf(READER)).toMatchObject({ verdict: 'ok', revocation: 'not-checked' });
  });

  it('names a blocked PIN', async () => {
    await startEmulator('pin-blocked');
    expect(await statusOf(READER)).toMatchObject({
      verdict: 'pin-blocked',
      explanation: 'the PIN is blocked (0 tries left): it is reset at the 市区町村窓口',
      pinTriesLeft: 0,
    });
  });

  it('refuses a CRL file that holds no CRL, before touching any card', async () => {
    const bogus = join(files, 'bogus.crl');
    writeFileSync(bogus, 'not a CRL');
    await expect(run(process.execPath, [tool('card-cli.ts'), 'status', '--crl', bogus])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--crl ${bogus}: not a CRL (DER or PEM)`) as unknown,
    });
  });

  it('rejects an unknown profile with the list of profiles', async () => {
    await expect(run(process.execPath, [tool('emulator-cli.ts'), '--vpcd', '--profile', 'nope'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown profile "nope"') as unknown,
    });
  });

  it('benchmarks the 利用者証明 flow through pcscd within the APDU bound', async () => {
    const { stdout } = await run(process.execPath, [tool('bench-card.ts'), '--runs', '3', '--port', '35964']);
    const Timed = z.object({ apdus: z.number(), medianMs: z.number(), p95Ms: z.number() });
    const report = z
      .object({
        runs: z.number(),
        certificateBytes: z.number(),
        operations: z.object({ readTokenInfo: Timed, holdsKeyOf: Timed }),
        authentication: Timed.extend({ bound: z.number() }),
      })
      .parse(JSON.parse(stdout));
    expect(report.runs).toBe(3);
    expect(report.authentication.bound).toBe(8 + Math.ceil(report.certificateBytes / 256));
    expect(report.authentication.apdus).toBeLessThanOrEqual(report.authentication.bound);
    // The check at consent: SELECT of the key EF and SIGN.
    expect(report.operations.holdsKeyOf.apdus).toBe(2);
    expect(report.authentication.medianMs).toBeGreaterThan(0);
  });
});
