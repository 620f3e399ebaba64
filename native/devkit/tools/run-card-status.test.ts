// The command's side of the card status worker: it always ends, with the report or with the
// reason there is none, and the worker never outlives it.
import { describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until.ts';
import { runCardStatus } from './run-card-status.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const worker = (name: string): URL => new URL(`../../../test/support/status-workers/${name}.ts`, import.meta.url);
const request = { commandTimeoutMs: 1000, crls: [], cas: [] };

describe('runCardStatus', () => {
  it('takes the report of a worker that then hangs, and kills it', async () => {
    const outcome = await runCardStatus(request, { worker: worker('reports-then-hangs') });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.value.readers).toEqual([]);
    const pid = Number(outcome.value.detail);
    await until(() => !alive(pid), 'the worker to be gone', 2000);
  });

  it('gives up on a worker that falls silent, within the silence allowed', async () => {
    const started = Date.now();
    expect(await runCardStatus(request, { worker: worker('silent'), silenceMs: 1500 })).toEqual({
      ok: false,
      error: 'the PC/SC worker gave no sign of life for 1500 ms (pcscd hung?)',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a message that is not a report', async () => {
    expect(await runCardStatus(request, { worker: worker('lies') })).toEqual({
      ok: false,
      error: 'the PC/SC worker sent an invalid message',
    });
  });

  it('says so when the worker dies before reporting', async () => {
    expect(await runCardStatus(request, { worker: worker('crashes') })).toEqual({
      ok: false,
      error: 'the PC/SC worker exited with code 3',
    });
  });
});
