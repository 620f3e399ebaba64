// The developer and operator commands, run as a user would: the emulator in one process,
// `npm run card -- status` in another, both through pcscd.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';
import { EventLog } from '../../test/support/pcsc-port.ts';
import { PcscReaderPort } from '../pcsc/pcsc-reader-port.ts';

const run = promisify(execFile);
const tool = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));
const READER = 'Virtual PCD 00 01';

const StatusJson = z.object({
  serviceAvailable: z.boolean(),
  readers: z.array(
    z.object({
      reader: z.string(),
      card: z.string(),
      atr: z.string().optional(),
      jpkiApplication: z.string().optional(),
      tokenLabel: z.string().optional(),
      pinTriesLeft: z.number().optional(),
      certificate: z
        .object({ subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string(), sha256Fingerprint: z.string() })
        .optional(),
    }),
  ),
});

async function cardStatus(...flags: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [tool('card-cli.ts'), 'status', ...flags]);
  return stdout;
}

async function statusOf(reader: string): Promise<z.infer<typeof StatusJson>['readers'][number] | undefined> {
  return StatusJson.parse(JSON.parse(await cardStatus('--json'))).readers.find((entry) => entry.reader === reader);
}

describeWhenAvailable('the emulator and card status commands', await probePcscWithVpcd(), () => {
  const running: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
  });

  async function startEmulator(profile: string): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [tool('emulator-cli.ts'), '--vpcd', '--port', '35964', '--profile', profile], {
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
    // pcscd polls vpcd: wait until the status command sees the card.
    while ((await statusOf(READER))?.card !== 'present') {
      if (Date.now() > deadline) throw new Error('pcscd did not report the card');
    }
    return { child, output: () => output };
  }

  it('shows the virtual card: ATR, JPKI AP, token, certificate and PIN tries, spending no try', async () => {
    const { child, output } = await startEmulator('one-try-left');
    expect(output()).toBe('card inserted: profile one-try-left (PIN 1234) attached to vpcd on 127.0.0.1:35964\n');
    const first = await statusOf(READER);
    expect(first).toMatchObject({
      card: 'present',
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
    expect(await cardStatus()).toMatch(/Reader: Virtual PCD 00 01\n {2}card: +present\n[\s\S]*PIN tries left: +1\n/);

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
      expect(await statusOf(READER)).toMatchObject({ card: 'present', jpkiApplication: 'in-use' });
      await held.value.disconnect('reset');
    } finally {
      await port.close();
    }
  });

  it('names a card that is not a My Number card', async () => {
    await startEmulator('not-jpki');
    expect(await statusOf(READER)).toMatchObject({ card: 'present', jpkiApplication: 'no' });
  });

  it('rejects an unknown profile with the list of profiles', async () => {
    await expect(run(process.execPath, [tool('emulator-cli.ts'), '--vpcd', '--profile', 'nope'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown profile "nope"') as unknown,
    });
  });

  it('benchmarks the 利用者証明 flow through pcscd within the APDU bound', async () => {
    const { stdout } = await run(process.execPath, [tool('bench-card.ts'), '--runs', '3', '--port', '35964']);
    const report = z
      .object({
        runs: z.number(),
        certificateBytes: z.number(),
        wholeFlow: z.object({ apdusWithoutTokenInfo: z.number(), bound: z.number(), medianMs: z.number() }),
      })
      .parse(JSON.parse(stdout));
    expect(report.runs).toBe(3);
    expect(report.wholeFlow.apdusWithoutTokenInfo).toBeLessThanOrEqual(report.wholeFlow.bound);
    expect(report.wholeFlow.medianMs).toBeGreaterThan(0);
  });
});
