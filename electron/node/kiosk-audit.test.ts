// The audit trail in the running kiosk and at the terminal: trimmed to the configured
// retention at start-up and daily (audited, still verifying), and `npm run audit` verifying
// and exporting the trail of a data folder a real kiosk wrote, with nothing personal in the
// export and a tampered entry named.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CARD_RECORDS } from '../devkit/reference-gateway/test-card-records.ts';
import { TestKiosk, tuesdayAfternoon } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';
import type { AuditManifest } from './storage/audit-export.ts';
import { loadOrCreateKey } from './storage/key-file.ts';
import { openKioskDatabase } from './storage/kiosk-database.ts';

const DAY = 24 * 60 * 60 * 1000;
const CLI = join(import.meta.dirname, 'audit-cli.ts');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-audit-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: Parameters<typeof TestKiosk.start>[0]): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  cleanups.push(() => kiosk.stop());
  return kiosk;
}

const events = (t: TestKiosk): string[] => t.kiosk.audit.recent(1000).map((record) => record.event);

/** The trail starts with a checkpoint, and holds nothing older than the retention besides it. */
function expectTrimmedTo(t: TestKiosk, days: number, now: Date): void {
  const [head, ...rest] = t.kiosk.audit.recent(1000);
  expect(head?.event).toBe('audit-checkpoint');
  const oldest = Math.min(...rest.map((record) => Date.parse(record.at)));
  expect(oldest).toBeGreaterThanOrEqual(now.getTime() - days * DAY - 60_000);
}

/** The command did not run (status 2), saying why. */
function expectRefused(result: ReturnType<typeof audit>, why: string): void {
  expect(result.status).toBe(2);
  expect(result.stderr).toContain(why);
}

function audit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('the audit trail in the running kiosk', () => {
  it('is trimmed to the configured retention daily and at start-up, each trim recorded, the chain verifying', async () => {
    const clock = tuesdayAfternoon();
    const dataDir = folder();
    const t = await start({ now: clock.now, dataDir, audit: { retentionDays: 90 }, auditTrimIntervalMs: 100 });
    await t.toInsertCard();
    const before = events(t);
    expect(before).toEqual(expect.arrayContaining(['kiosk-started', 'session-started', 'service-selected']));

    // 91 days on, the next daily round removes what the kiosk recorded then.
    clock.advance(91 * DAY);
    await until(() => events(t).includes('audit-trimmed'), 'the daily trim');
    expectTrimmedTo(t, 90, clock.now());
    expect(t.kiosk.audit.verify()).toMatchObject({ ok: true, trimmed: before.length });

    // Stopped for another 91 days: the trim comes at start-up, before the kiosk records its start.
    await t.kiosk.stop();
    clock.advance(91 * DAY);
    const restarted = await t.restart();
    const after = events(restarted);
    expect(after[after.lastIndexOf('kiosk-started') - 1]).toBe('audit-trimmed');
    expectTrimmedTo(restarted, 90, clock.now());
    expect(restarted.kiosk.audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps 400 days when the configuration does not say', async () => {
    const clock = tuesdayAfternoon();
    const t = await start({ now: clock.now, auditTrimIntervalMs: 100 });
    clock.advance(399 * DAY);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events(t)).not.toContain('audit-trimmed');
    expect(events(t)[0]).toBe('kiosk-started');
    clock.advance(2 * DAY);
    await until(() => events(t).includes('audit-trimmed'), 'the trim after 400 days');
  });
});

describe('npm run audit, on a data folder a kiosk wrote', () => {
  it('verifies the trail, exports a day of it without anything personal, and names a tampered entry', async () => {
    const dataDir = folder();
    const t = await start({ dataDir });
    await t.toReview();
    await t.confirm();
    await t.screen('finishing');
    t.motorised().take();
    await t.screen('complete');
    await t.stop();

    const verified = audit('verify', '--data', dataDir);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^ok: \d+ entries chained\n$/);
    const entries = Number(/^ok: (\d+)/.exec(verified.stdout)?.[1]);

    // The kiosk's clock says Tuesday 24 November 2026 in Japan.
    const out = join(folder(), 'usb');
    const exported = audit('export', '--data', dataDir, '--from', '2026-11-24', '--to', '2026-11-24', '--out', out);
    expect(exported.status).toBe(0);
    const names = readdirSync(out);
    expect(names).toHaveLength(3);
    const manifestName = names.find((name) => name.endsWith('.manifest.json')) ?? '';
    const manifest = JSON.parse(readFileSync(join(out, manifestName), 'utf8')) as AuditManifest;
    expect(manifest).toMatchObject({ entries, verification: { ok: true, entries } });
    for (const file of manifest.files)
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, file.name)))
          .digest('hex'),
      ).toBe(file.sha256);
    const json = JSON.parse(
      readFileSync(join(out, names.find((name) => name.endsWith('.json') && name !== manifestName) ?? ''), 'utf8'),
    ) as {
      entries: { event: string; hash: string }[];
    };
    expect(json.entries.map((entry) => entry.event)).toEqual(expect.arrayContaining(['consent-given', 'submitted', 'session-completed']));
    expect(manifest.chain.lastHash).toBe(json.entries.at(-1)?.hash);

    // The customer's income went through this kiosk; none of it is in the export.
    const amounts = Object.values(TEST_CARD_RECORDS.default ?? {})
      .flat()
      .flatMap((record) => Object.values(record))
      .filter((value) => /^\d{6,}$/.test(value));
    expect(amounts.length).toBeGreaterThan(4);
    for (const name of names) {
      const text = readFileSync(join(out, name), 'utf8');
      expect({ name, found: amounts.filter((amount) => text.includes(amount)) }).toEqual({ name, found: [] });
    }

    // The export is in the trail now, and the trail still verifies.
    expect(audit('verify', '--data', dataDir).stdout).toBe(`ok: ${String(entries + 1)} entries chained\n`);

    // One entry changed in the file: verify names it and fails.
    const db = new Database(join(dataDir, 'kiosk.sqlite'));
    const { seq } = db.prepare("SELECT seq FROM audit WHERE event = 'submitted'").get() as { seq: number };
    db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run('{"receipt":"R-FORGED"}', seq);
    db.close();
    expect(audit('verify', '--data', dataDir)).toMatchObject({
      status: 1,
      stdout: `broken: entry ${String(seq)}: does not match its hash: its fields were changed\n`,
    });
  });

  it('refuses a folder without a kiosk database or key, and one a running kiosk holds, creating nothing', () => {
    const dataDir = folder();
    expectRefused(audit('verify', '--data', dataDir), 'holds no kiosk database');
    expect(readdirSync(dataDir)).toEqual([]);
    const held = openKioskDatabase(join(dataDir, 'kiosk.sqlite'));
    cleanups.push(() => void held.close());
    expectRefused(audit('verify', '--data', dataDir), 'no database key');
    loadOrCreateKey(join(dataDir, 'database.key'));
    expectRefused(audit('verify', '--data', dataDir), 'stop the kiosk first');
  });
});
