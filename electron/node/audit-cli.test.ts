// `npm run audit -- day-close` and `npm run audit -- trace` on a data folder a real kiosk wrote
// and then stopped: the day's report as JSON on stdout and as a PDF, and a receipt's timeline.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestKiosk } from '../../test/support/kiosk-driver.ts';
import type { DayCloseReport } from './storage/day-close.ts';

const CLI = join(import.meta.dirname, 'audit-cli.ts');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function audit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('npm run audit, day-close and trace', () => {
  it('prints the day’s report and writes its PDF, and prints the timeline of the session a receipt names', async () => {
    const dataDir = folder();
    const t = await TestKiosk.start({ dataDir });
    cleanups.push(() => t.stop());
    // One customer completes, one cancels on the PIN screen (the kiosk's clock: Tuesday 24 November in Japan).
    await t.toReview();
    await t.confirm();
    await t.screen('finishing');
    t.take();
    const complete = await t.at('complete');
    if (complete.submission.status !== 'delivered') throw new Error('not delivered');
    t.kiosk.send({ type: 'DISMISS' });
    await t.toPin();
    await t.screen('pin');
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    t.take();
    await t.screen('attract');
    const session = t.kiosk.lookupReceipt(complete.submission.receiptId)?.trace.session;
    await t.kiosk.stop();

    const pdf = join(folder(), 'day-close.pdf');
    const closed = audit('day-close', '--data', dataDir, '--date', '2026-11-24', '--pdf', pdf);
    expect(closed.stderr).toBe('');
    expect(closed.status).toBe(0);
    const report = JSON.parse(closed.stdout) as DayCloseReport;
    expect(report).toMatchObject({
      format: 'kiosk-day-close/1',
      date: '2026-11-24',
      total: { sessionsStarted: 2, completed: 1, cancelled: { pin: 1 }, submissionsDelivered: 1 },
      services: { 'housing-loan-income': { sessionsStarted: 2, completed: 1 } },
      yearlyUsers: { basis: 'fiscal-year', from: '2026-04-01', completedSessions: 1 },
      trail: { ok: true },
    });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Sessions started\s+2\s+2\b/);
    expect(text).toMatch(/Cancelled on: pin\s+1\s+1\b/);
    // An existing file is never overwritten.
    const again = audit('day-close', '--data', dataDir, '--date', '2026-11-24', '--pdf', pdf);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('EEXIST');
    expect(audit('day-close', '--data', dataDir, '--date', '2026-02-30')).toMatchObject({ status: 2 });

    const traced = audit('trace', '--data', dataDir, complete.submission.receiptId);
    expect(traced.status).toBe(0);
    const [head, ...lines] = traced.stdout.trimEnd().split('\n');
    expect(head).toContain(`session ${session ?? '?'}`);
    expect(head).toContain(`receipt ${complete.submission.receiptId}`);
    const events = lines.map((line) => line.split(' ')[1]);
    expect(events).toEqual(expect.arrayContaining(['session-started', 'authenticated', 'consent-given', 'submitted', 'session-completed']));
    expect(events).not.toContain('session-ended');
    expect(lines.find((line) => line.includes(' submitted '))).toContain(`receipt=${complete.submission.receiptId}`);
    expect(traced.stdout).not.toMatch(/card=/);

    expect(audit('trace', '--data', dataDir, 'XXXX-XXXX')).toMatchObject({ status: 1, stdout: 'no session in the trail has XXXX-XXXX\n' });
    expect(audit('trace', '--data', dataDir)).toMatchObject({ status: 2 });
    expect(existsSync(pdf)).toBe(true);
  }, 60_000);
});
