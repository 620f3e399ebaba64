// The menu's records pages on a running kiosk core (simulated reader, the reference gateway,
// the real database and audit trail, scrypt PINs): the audit export under dual control into
// the configured folder, recorded with both staff numbers; a folder that is not there said
// plainly; the receipt lookup from the keys of the receipt alphabet; the day-close report saved
// where the terminal has no printer; and the menu's self-test naming a tampered audit row.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestKiosk, type TestKioskOptions } from '../../../test/support/kiosk-driver.ts';
import { addStaff, page, send, signIn, staffActions, type } from '../../../test/support/menu-driver.ts';
import { until } from '../../../test/support/until.ts';
import type { AuditManifest } from '../storage/audit-export.ts';

const kiosks: TestKiosk[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  kiosks.push(kiosk);
  return kiosk;
}

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'kiosk-export-'));
  folders.push(made);
  return made;
}

const withStaff = (t: TestKiosk): Promise<void> =>
  addStaff(t, [
    ['1001', 'supervisor', '246813'],
    ['1002', 'supervisor', '135792'],
    ['2001', 'operator', '112358'],
  ]);

describe('the audit export in the menu', { timeout: 30_000 }, () => {
  it('writes nothing until a second supervisor approves, then exports CSV, JSON and manifest and records who did it', async () => {
    const out = folder();
    const t = await start({ records: { exportFolder: out } });
    await withStaff(t);
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_OPEN', page: 'audit-export' });
    const shown = await page(t, 'audit-export');
    expect(shown.folder).toEqual({ kind: 'ready', path: out });
    // The last 7 days, today included.
    expect([shown.from, shown.to]).toEqual(['2026-11-18', '2026-11-24']);
    send(t, { type: 'MENU_EXPORT_AUDIT' });
    await page(t, 'sign-in', (view) => view.purpose === 'approve' && view.approving === 'export-audit');
    // The one who asked cannot approve it.
    type(t, '1001');
    type(t, '246813');
    await page(t, 'sign-in', (view) => view.problem === 'same-person');
    expect(readdirSync(out)).toEqual([]);
    type(t, '1002');
    type(t, '135792');
    const done = await page(t, 'audit-export', (view) => view.result !== undefined);
    expect(done.result).toEqual({ action: 'export-audit', outcome: 'done' });
    const written = readdirSync(out).sort();
    expect(written).toHaveLength(3);
    expect(done.delivery?.saved).toMatchObject({ ok: true, folder: out });
    expect([...(done.delivery?.saved?.ok ? done.delivery.saved.files : [])].sort()).toEqual(written);
    const manifestName = written.find((name) => name.endsWith('.manifest.json')) ?? '';
    const manifest = JSON.parse(readFileSync(join(out, manifestName), 'utf8')) as AuditManifest;
    expect(manifest.range).toMatchObject({ from: '2026-11-18', to: '2026-11-24' });
    expect(manifest.verification.ok).toBe(true);
    // The export's own record, and the staff action with who asked and who approved.
    const records = t.kiosk.audit.recent(500);
    expect(records.find((record) => record.event === 'audit-exported')?.detail).toEqual({
      from: '2026-11-18',
      to: '2026-11-24',
      entries: manifest.entries,
    });
    expect(staffActions(t)).toContainEqual({
      staff: '1001',
      approver: '1002',
      action: 'export-audit',
      outcome: 'done',
      subject: '2026-11-18..2026-11-24',
    });
    // The export holds the sign-ins of the two staff members, never a PIN.
    const csv = readFileSync(join(out, written.find((name) => name.endsWith('.csv')) ?? ''), 'utf8');
    expect(csv).toContain('staff-sign-in');
    expect(csv).not.toMatch(/246813|135792/);
  });

  it('refuses an operator’s export, whichever page asked, and records the refusal', async () => {
    const out = folder();
    const t = await start({ records: { exportFolder: out } });
    await withStaff(t);
    await signIn(t, '2001', '112358');
    expect((await page(t, 'home')).allowed).not.toContain('export-audit');
    send(t, { type: 'MENU_OPEN', page: 'audit-export' });
    send(t, { type: 'MENU_EXPORT_AUDIT' });
    await page(t, 'home', (view) => view.result?.outcome === 'refused');
    expect(readdirSync(out)).toEqual([]);
    expect(staffActions(t)).toContainEqual(expect.objectContaining({ staff: '2001', action: 'export-audit', outcome: 'refused' }));
    expect(t.kiosk.audit.recent(500).some((record) => record.event === 'audit-exported')).toBe(false);
  });

  it('says plainly that the export folder is not there, and exports nothing', async () => {
    const missing = join(folder(), 'usb-not-mounted');
    const t = await start({ records: { exportFolder: missing } });
    await withStaff(t);
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_OPEN', page: 'audit-export' });
    expect((await page(t, 'audit-export')).folder).toEqual({ kind: 'missing', path: missing });
    send(t, { type: 'MENU_EXPORT_AUDIT' });
    await page(t, 'sign-in', (view) => view.purpose === 'approve');
    type(t, '1002');
    type(t, '135792');
    const failed = await page(t, 'audit-export', (view) => view.result !== undefined);
    expect(failed.result).toEqual({ action: 'export-audit', outcome: 'failed' });
    expect(failed.delivery?.saved).toEqual({ ok: false, reason: 'folder-missing' });
    expect(t.kiosk.audit.recent(500).some((record) => record.event === 'audit-exported')).toBe(false);
  });
});

describe('receipt lookup and the day-close report in the menu', { timeout: 30_000 }, () => {
  it('finds a completed session from the receipt typed on the alphabet’s keys, its timeline without the card', async () => {
    const out = folder();
    const t = await start({ records: { exportFolder: out } });
    await withStaff(t);
    await t.toReview();
    await t.confirm();
    await t.screen('finishing');
    t.take();
    const complete = await t.at('complete');
    if (complete.submission.status !== 'delivered') throw new Error('not delivered');
    const receipt = complete.submission.receiptId;
    t.kiosk.send({ type: 'DISMISS' });
    await t.screen('attract');
    await signIn(t, '2001', '112358');
    // The home page's chart counts today's completed session.
    expect((await page(t, 'home')).series?.at(-1)).toMatchObject({ date: '2026-11-24', completed: 1 });
    send(t, { type: 'MENU_OPEN', page: 'receipt-lookup' });
    await page(t, 'receipt-lookup');
    for (const key of receipt.replace('-', '')) expect(t.kiosk.send({ type: 'MENU_RECEIPT_KEY', key }).ok).toBe(true);
    // A character outside the alphabet is no key of the lookup.
    expect(t.kiosk.send({ type: 'MENU_RECEIPT_KEY', key: 'O' }).ok).toBe(false);
    send(t, { type: 'MENU_ENTER' });
    const found = await page(t, 'receipt-lookup', (view) => view.lookup.kind !== 'typing');
    if (found.lookup.kind !== 'found') throw new Error(`not found: ${JSON.stringify(found.lookup)}`);
    expect(found.lookup).toMatchObject({ quoted: receipt, receipt, service: 'housing-loan-income' });
    expect(found.lookup.timeline.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['session-started', 'card-inserted', 'authenticated', 'consent-given', 'submitted', 'session-completed']),
    );
    expect(JSON.stringify(found.lookup.timeline)).not.toContain('"card"');
    expect(staffActions(t)).toContainEqual({
      staff: '2001',
      action: 'view-records',
      outcome: 'done',
      subject: receipt,
      detail: 'receipt-lookup',
    });
    // Leaving the page forgets the number typed.
    send(t, { type: 'MENU_HOME' });
    send(t, { type: 'MENU_OPEN', page: 'receipt-lookup' });
    expect(await page(t, 'receipt-lookup')).toMatchObject({ typed: '', lookup: { kind: 'typing' } });

    // Without a printer, "print" saves the day-close report as a PDF into the export folder, and says so.
    send(t, { type: 'MENU_OPEN', page: 'day-close' });
    const report = await page(t, 'day-close');
    expect(report).toMatchObject({ printer: false, report: { date: '2026-11-24', trail: { ok: true } } });
    expect(report.report?.counts).toMatchObject({ sessionsStarted: 1, completed: 1, submissionsDelivered: 1 });
    send(t, { type: 'MENU_DAY_CLOSE_OUT', to: 'printer' });
    const printed = await page(t, 'day-close', (view) => view.result !== undefined);
    expect(printed.result).toEqual({ action: 'print-day-close', outcome: 'done' });
    expect(printed.delivery).toMatchObject({ printed: undefined, saved: { ok: true, folder: out } });
    const pdf = readdirSync(out);
    expect(pdf).toEqual([expect.stringMatching(/^day-close_2026-11-24_generated-.*\.pdf$/)]);
    expect(
      readFileSync(join(out, pdf[0] ?? ''))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Saved, the report is the whole day close: the retained cards' reconciliation with the counts.
    send(t, { type: 'MENU_DAY_CLOSE_OUT', to: 'folder' });
    await page(t, 'day-close', (view) => view.delivery?.saved?.ok === true && view.delivery.saved.files.length === 2);
    const json = readdirSync(out).find((name) => name.endsWith('.json')) ?? '';
    expect(JSON.parse(readFileSync(join(out, json), 'utf8'))).toMatchObject({
      date: '2026-11-24',
      keptCards: { open: 0, flagged: 0, reconciliation: { recorded: 0 } },
    });
  });
});

describe('the menu’s self-test and the audit trail', { timeout: 30_000 }, () => {
  it('names the first tampered row of the audit trail', async () => {
    const t = await start();
    await withStaff(t);
    await until(() => t.kiosk.maintenance.selfTests.last() !== undefined, 'the start-up self-test');
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');
    await t.kiosk.stop();
    // Someone with the database file changes one row (a sign-in's staff number).
    const db = new Database(join(t.dataDir, 'kiosk.sqlite'));
    const { seq } = db.prepare("SELECT seq FROM audit WHERE event = 'staff-sign-in' ORDER BY seq LIMIT 1").get() as { seq: number };
    db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run('{"staff":"9999","purpose":"sign-in","outcome":"signed-in"}', seq);
    db.close();

    const restarted = await t.restart();
    await until(() => restarted.kiosk.maintenance.selfTests.last()?.trigger === 'start-up', 'the start-up self-test');
    await signIn(restarted, '1002', '135792');
    send(restarted, { type: 'MENU_OPEN', page: 'self-test' });
    send(restarted, { type: 'MENU_SELF_TEST' });
    send(restarted, { type: 'MENU_CHECKED', ok: true });
    send(restarted, { type: 'MENU_CHECKED', ok: true });
    const run = await page(restarted, 'self-test', (view) => view.step === 'ready' && view.last?.trigger === 'on-demand');
    expect(run.last?.results.find((result) => result.check === 'audit-trail')).toEqual({
      check: 'audit-trail',
      outcome: 'warn',
      finding: 'changed',
      value: seq,
    });
    // Reported to staff and recorded; customers are still served.
    expect(restarted.kiosk.audit.recent(500).findLast((record) => record.event === 'self-test')?.detail).toMatchObject({
      trigger: 'on-demand',
      seq,
    });
    send(restarted, { type: 'MENU_CLOSE' });
    await restarted.screen('attract');
  });
});
