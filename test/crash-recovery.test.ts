// kill -9 between consent and the bank's acknowledgement, then a restart: the consented
// submission arrives exactly once, whether the bank got it before the crash or not.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../electron/devkit/reference-gateway/fault-plan.ts';
import type { ReferenceGateway } from '../electron/devkit/reference-gateway/reference-gateway.ts';
import { createTestGateway } from '../electron/devkit/reference-gateway/test-gateway.ts';
import { fromTokyo } from '../electron/node/hours/tokyo-time.ts';
import { until } from './support/until.ts';

const SCRIPT = join(import.meta.dirname, 'support', 'headless-kiosk.ts');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function run(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function crashAfterConsent(
  fault: Fault,
  gatewayHasIt: (gateway: ReferenceGateway) => boolean,
): Promise<{ gateway: ReferenceGateway; resumed: string }> {
  // An ordinary Tuesday afternoon in Japan, for the gateway and both kiosk processes.
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  const started = Date.now();
  const gateway = await createTestGateway({ processingMs: 200, now: () => new Date(base + (Date.now() - started)) });
  const url = await gateway.listen();
  cleanups.push(() => gateway.close());
  const data = mkdtempSync(join(tmpdir(), 'kiosk-crash-'));
  cleanups.push(() => rmSync(data, { recursive: true, force: true }));

  gateway.faults.inject('submit', fault, 1);
  const clock = ['--now', new Date(base).toISOString()];
  const first = run(['--data', data, '--gateway', url, '--phase', 'consent', ...clock]);
  await until(() => first.output().includes('consented'), 'consent', 20_000);
  expect(first.output()).toContain('pending=1'); // stored encrypted before any answer
  await until(() => gatewayHasIt(gateway), 'the submission request', 10_000);
  first.child.kill('SIGKILL');
  await once(first.child, 'exit');

  // The restarted kiosk's clock goes on from where the first one was.
  const second = run([
    '--data',
    data,
    '--gateway',
    url,
    '--phase',
    'resume',
    '--now',
    new Date(base + (Date.now() - started)).toISOString(),
  ]);
  const [code] = (await once(second.child, 'exit')) as [number | null];
  expect(code).toBe(0);
  return { gateway, resumed: second.output() };
}

describe('a kiosk killed between consent and acknowledgement', () => {
  it('re-sends on restart, and the bank that already recorded it records it once', async () => {
    const { gateway, resumed } = await crashAfterConsent({ kind: 'drop-response' }, (g) => g.submissions.length === 1);
    // Re-sent once with the same idempotency key: the bank answered with what it had (a new
    // key would have been refused as an unknown retrieval, leaving the submission pending).
    expect(resumed).toBe('pending=0 delivered=1\n');
    expect(gateway.requestCount('submit')).toBe(2);
    expect(gateway.submissions).toHaveLength(1);
  });

  it('re-sends on restart when the bank never got it, and it arrives once', async () => {
    const { gateway, resumed } = await crashAfterConsent(
      { kind: 'hang' },
      (g) => g.requestCount('submit') === 1 && g.submissions.length === 0,
    );
    // Re-sent once with the same idempotency key: the bank answered with what it had (a new
    // key would have been refused as an unknown retrieval, leaving the submission pending).
    expect(resumed).toBe('pending=0 delivered=1\n');
    expect(gateway.requestCount('submit')).toBe(2);
    expect(gateway.submissions).toHaveLength(1);
  });
});
