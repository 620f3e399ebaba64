// Crash trials: a kiosk completing one session after another (its courier running) is killed
// with SIGKILL at random moments, then started again on the same data folder, against one
// gateway that sometimes loses its answers (the bank recorded a submission, the kiosk never
// heard). After the last run a clean restart sends whatever is pending. Then: a consent the
// kiosk had stored and did not deliver is lost (still in the outbox, or given up on); a
// retrieval the bank received more than one submission for is duplicated. Both must be 0.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestGateway } from '../../electron/devkit/reference-gateway/test-gateway.ts';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';

const SCRIPT = join(import.meta.dirname, '..', 'support', 'headless-kiosk.ts');

export interface CrashTrialsReport {
  readonly runs: number;
  /** Sessions completed to the completion screen across all runs (not counting those cut short). */
  readonly completedSessions: number;
  /** Submissions the bank recorded. */
  readonly delivered: number;
  /** Runs that started with an empty outbox. */
  readonly emptyOutboxAtStart: number;
  readonly lost: number;
  readonly duplicated: number;
}

export async function runCrashTrials(options: {
  readonly runs: number;
  readonly maxLifeMs: number;
  readonly random?: () => number;
}): Promise<CrashTrialsReport> {
  const random = options.random ?? Math.random;
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  const started = Date.now();
  const clock = (): Date => new Date(base + (Date.now() - started));
  const gateway = await createTestGateway({ processingMs: 50, now: clock });
  const url = await gateway.listen();
  const data = mkdtempSync(join(tmpdir(), 'kiosk-crash-trials-'));
  let completedSessions = 0;
  let emptyOutboxAtStart = 0;
  const run = async (phase: 'loop' | 'resume', lifeMs: number): Promise<string> => {
    const child = spawn(process.execPath, [SCRIPT, '--data', data, '--gateway', url, '--phase', phase, '--now', clock().toISOString()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    if (phase === 'loop') {
      // Killed lifeMs after the kiosk is up (or at start-up itself, when lifeMs is negative).
      const up = lifeMs < 0 ? Promise.resolve() : new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await Promise.race([up, exited]);
      await new Promise((resolve) => setTimeout(resolve, Math.abs(lifeMs)));
      child.kill('SIGKILL');
    }
    await exited;
    return output;
  };
  const pending = (): number => {
    // Killed under load before it opened its database: nothing stored yet.
    if (!existsSync(join(data, 'kiosk.sqlite'))) return 0;
    const db = new Database(join(data, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  try {
    for (let trial = 0; trial < options.runs; trial += 1) {
      if (trial > 0 && pending() === 0) emptyOutboxAtStart += 1;
      // Now and then the bank records a submission and its answer is lost on the way back.
      if (random() < 0.3) gateway.faults.inject('submit', { kind: 'drop-response' }, 1);
      // One life in five ends while the kiosk is still starting (opening its database, say).
      const output = await run('loop', random() < 0.2 ? -Math.round(random() * 800) : Math.round(random() * options.maxLifeMs));
      completedSessions += output.split('\n').filter((line) => line === 'completed').length;
    }
    gateway.faults.clear();
    await run('resume', 0);
    const db = new Database(join(data, 'kiosk.sqlite'), { readonly: true });
    let givenUp: number;
    let stillPending: number;
    try {
      stillPending = (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
      givenUp = (
        db.prepare("SELECT COUNT(*) AS n FROM audit WHERE event IN ('submission-expired', 'submission-rejected')").get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
    const perRetrieval = new Map<string, number>();
    for (const { submission } of gateway.submissions)
      perRetrieval.set(submission.retrievalId, (perRetrieval.get(submission.retrievalId) ?? 0) + 1);
    return {
      runs: options.runs,
      completedSessions,
      delivered: gateway.submissions.length,
      emptyOutboxAtStart,
      lost: stillPending + givenUp,
      duplicated: [...perRetrieval.values()].reduce((sum, count) => sum + count - 1, 0),
    };
  } finally {
    await gateway.close();
    rmSync(data, { recursive: true, force: true });
  }
}
