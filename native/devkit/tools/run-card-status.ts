// Runs the card status inspection in its worker process and returns the report. The worker
// is always killed afterwards: it may hold a native call to a card that will never return.
// A worker that falls silent (its main thread blocked in the PC/SC library) is given up on.
import { fork } from 'node:child_process';
import type { StatusReport } from '../../diagnostics/card-status.ts';
import { StatusWorkerMessageSchema, type StatusRequest } from '../../diagnostics/status-worker-protocol.ts';
import type { Result } from '../../../electron/common/result.ts';

export type StatusOutcome = Result<StatusReport, string>;

export interface RunOptions {
  /** The worker's entry; tests give stand-ins that misbehave. */
  readonly worker?: URL;
  /** Longest silence (the worker says it is alive every 500 ms) before it is given up on. */
  readonly silenceMs?: number;
}

export function runCardStatus(request: StatusRequest, options: RunOptions = {}): Promise<StatusOutcome> {
  const silenceMs = options.silenceMs ?? 10_000;
  const child = fork(options.worker ?? new URL('./card-status-worker.ts', import.meta.url), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // pcsclite parks a libuv worker thread per reader; a mute card holds one more for good.
    env: { ...process.env, UV_THREADPOOL_SIZE: '16' },
  });
  return new Promise((resolve) => {
    let done = false;
    let silence: NodeJS.Timeout | undefined;
    const finish = (outcome: StatusOutcome): void => {
      clearTimeout(silence);
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      resolve(outcome);
    };
    const listen = (): void => {
      clearTimeout(silence);
      silence = setTimeout(
        () => finish({ ok: false, error: `the PC/SC worker gave no sign of life for ${String(silenceMs)} ms (pcscd hung?)` }),
        silenceMs,
      );
    };
    child.on('message', (raw) => {
      const message = StatusWorkerMessageSchema.safeParse(raw);
      if (!message.success) finish({ ok: false, error: 'the PC/SC worker sent an invalid message' });
      else if (message.data.kind === 'alive') listen();
      else finish({ ok: true, value: message.data.report });
    });
    child.on('exit', (code, signal) =>
      finish({ ok: false, error: `the PC/SC worker ${signal ? `was killed by ${signal}` : `exited with code ${String(code)}`}` }),
    );
    child.on('error', (error) => finish({ ok: false, error: `the PC/SC worker failed: ${error.message}` }));
    listen();
    child.send(request);
  });
}
