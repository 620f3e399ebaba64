// The maintenance menu's outbox and log bundle on a running kiosk core (simulated motorised
// reader, the reference gateway over loopback, the real database and courier): waiting
// submissions listed without their content, sent now through the running courier, purged only
// with a second staff member's approval and a recorded reason; the status page's alarm by the
// kiosk's own clock; the vendor's log bundle encrypted to the configured age key, holding
// nothing personal.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadTestPki } from '../../native/devkit/test-pki/test-pki.ts';
import { describeCertificate } from '../../native/pki/describe-certificate.ts';
import { TestKiosk, tuesdayAfternoon, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { addStaff, page, send, signIn, type } from '../../test/support/menu-driver.ts';
import { until } from '../../test/support/until.ts';
import { loadConfigFile, MaintenanceSettingsSchema } from './config/kiosk-config.ts';
import { journalExcerpt, LOG_BUNDLE_FORMAT } from './maintenance/log-bundle.ts';

const kiosks: TestKiosk[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const folder = (): string => {
  const made = mkdtempSync(join(tmpdir(), 'kiosk-outbox-'));
  folders.push(made);
  return made;
};

/** Income amounts no staff page and no bundle may ever show: a customer's, in a queued submission. */
const CANARY_AMOUNTS = ['7318642', '5190377', '6024519', '398117'];
const CANARY_RECORD = {
  課税年度: '2025',
  所得年: '2024',
  給与収入額: CANARY_AMOUNTS[0] ?? '',
  給与所得額: CANARY_AMOUNTS[1] ?? '',
  公的年金等収入額: '',
  事業所得額: '',
  合計所得金額: CANARY_AMOUNTS[2] ?? '',
  市町村民税所得割額: CANARY_AMOUNTS[3] ?? '',
};

const SUBMIT_DOWN = { kind: 'status', status: 503 } as const;
const STAFF = [
  ['1001', 'supervisor', '246813'],
  ['1002', 'supervisor', '135792'],
  ['2001', 'operator', '112358'],
  ['3001', 'maintenance', '975318'],
] as const;

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const t = await TestKiosk.start({
    gateway: { records: { default: { 地方税: [CANARY_RECORD] } } },
    // The background courier waits: a retry that happens is the one staff asked for.
    courierIntervalMs: 10 * 60_000,
    ...options,
  });
  kiosks.push(t);
  await addStaff(t, STAFF);
  return t;
}

async function signInAs(t: TestKiosk, number: string): Promise<void> {
  await signIn(t, number, STAFF.find(([staff]) => staff === number)?.[2] ?? '');
}

/** A customer consents while the bank is down: the submission waits in the outbox. */
async function queueOne(t: TestKiosk): Promise<void> {
  t.gateway.faults.inject('submit', SUBMIT_DOWN, Infinity);
  await t.toReview();
  await t.confirm();
  await t.screen('finishing');
  t.take();
  expect(await t.at('complete')).toMatchObject({ submission: { status: 'sending' } });
  t.kiosk.send({ type: 'DISMISS' });
  await t.screen('attract');
  expect(t.kiosk.outbox.size).toBe(1);
}

const staffActions = (t: TestKiosk, action: string) =>
  t.kiosk.audit.recent(500).filter((record) => record.event === 'staff-action' && record.detail?.['action'] === action);

describe('the outbox page', { timeout: 30_000 }, () => {
  it('lists a waiting submission without its content, and the status page raises its alarm once the oldest passes the threshold by the kiosk’s clock', async () => {
    const clock = tuesdayAfternoon();
    const t = await start({ now: clock.now, maintenance: MaintenanceSettingsSchema.parse({ outboxAlarmMinutes: 10 }) });
    await queueOne(t);
    // The waiting submission does carry the customer's amounts (sealed in the database).
    const [waiting] = t.kiosk.outbox.list();
    expect(JSON.stringify(t.kiosk.outbox.get(waiting?.id ?? '')?.submission)).toContain(CANARY_AMOUNTS[0]);
    await signInAs(t, '1001');
    send(t, { type: 'MENU_OPEN', page: 'outbox' });
    const outbox = await page(t, 'outbox');
    expect(outbox.entries).toEqual([expect.objectContaining({ attempts: 1, lastError: 'unavailable', ageMinutes: 0 })]);
    expect(outbox.overdue).toBe(false);
    const shown = JSON.stringify(outbox);
    for (const amount of CANARY_AMOUNTS) expect({ amount, shown: shown.includes(amount) }).toEqual({ amount, shown: false });
    expect(shown).not.toContain('retrievalId');

    send(t, { type: 'MENU_OPEN', page: 'status' });
    const before = await page(t, 'status', (view) => view.report !== undefined);
    expect(before.report?.pending).toMatchObject({ count: 1, overdue: false, alarmMinutes: 10 });
    // Eleven minutes on by the kiosk's clock, the submission still waiting (the bank still down).
    clock.advance(11 * 60_000);
    send(t, { type: 'MENU_REFRESH' });
    const after = await page(t, 'status', (view) => view.report?.pending.overdue === true);
    expect(after.report?.pending).toMatchObject({ count: 1, alarmMinutes: 10 });
    send(t, { type: 'MENU_OPEN', page: 'outbox' });
    expect(await page(t, 'outbox')).toMatchObject({ overdue: true, entries: [expect.objectContaining({ ageMinutes: 11 })] });
  });

  it('sends a submission now through the running courier when staff ask, long before its backoff', async () => {
    const t = await start();
    await queueOne(t);
    const [waiting] = t.kiosk.outbox.list();
    if (!waiting) throw new Error('nothing queued');
    // The next background try is a quarter of an hour away; the bank is back.
    t.gateway.faults.clear();
    await signInAs(t, '3001');
    send(t, { type: 'MENU_OPEN', page: 'outbox' });
    await page(t, 'outbox', (view) => view.entries.length === 1);
    send(t, { type: 'MENU_RETRY_SUBMISSION', id: waiting.id });
    await page(t, 'outbox', (view) => view.result?.outcome === 'done' && view.entries.length === 0);
    expect(t.gateway.submissions).toHaveLength(1);
    expect(staffActions(t, 'retry-submission').at(-1)?.detail).toMatchObject({
      staff: '3001',
      outcome: 'done',
      subject: waiting.id,
      detail: 'delivered',
    });
    expect(t.kiosk.audit.recent(50).some((record) => record.event === 'submission-delivered' && record.detail?.['id'] === waiting.id)).toBe(
      true,
    );
  });

  it('purges a submission only with a second staff member’s approval, recording the reason, who and who approved', async () => {
    const t = await start();
    await queueOne(t);
    const [waiting] = t.kiosk.outbox.list();
    if (!waiting) throw new Error('nothing queued');
    const reference = t.kiosk.audit.recent(200).find((record) => record.event === 'submission-queued')?.detail?.['reference'];

    // 窓口担当 may see the list, not purge.
    await signInAs(t, '2001');
    send(t, { type: 'MENU_OPEN', page: 'outbox' });
    await page(t, 'outbox', (view) => view.entries.length === 1);
    send(t, { type: 'MENU_PURGE_SUBMISSION', id: waiting.id, reason: 'customer-withdrew' });
    await page(t, 'outbox', (view) => view.result?.outcome === 'refused');
    expect(t.kiosk.outbox.size).toBe(1);
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');

    await signInAs(t, '1001');
    send(t, { type: 'MENU_OPEN', page: 'outbox' });
    await page(t, 'outbox');
    send(t, { type: 'MENU_PURGE_SUBMISSION', id: waiting.id, reason: 'customer-withdrew' });
    await page(t, 'sign-in', (view) => view.purpose === 'approve' && view.approving === 'purge-submission');
    expect(t.kiosk.outbox.size).toBe(1);
    // The same person cannot approve their own purge.
    type(t, '1001');
    type(t, '246813');
    await page(t, 'sign-in', (view) => view.problem === 'same-person');
    expect(t.kiosk.outbox.size).toBe(1);
    type(t, '1002');
    type(t, '135792');
    await page(t, 'outbox', (view) => view.result?.outcome === 'done' && view.entries.length === 0);
    expect(t.kiosk.outbox.size).toBe(0);
    expect(staffActions(t, 'purge-submission').at(-1)?.detail).toMatchObject({
      staff: '1001',
      approver: '1002',
      outcome: 'done',
      subject: waiting.id,
      detail: 'customer-withdrew',
    });
    const purged = t.kiosk.audit.recent(50).find((record) => record.event === 'submission-purged');
    expect(purged?.detail).toMatchObject({ id: waiting.id, reference, reason: 'customer-withdrew' });
    expect(t.gateway.submissions).toHaveLength(0);
  });
});

describe('the log bundle for the maintenance vendor', { timeout: 30_000 }, () => {
  it('writes one file encrypted to the configured key: the vendor’s key opens it, another does not, and nothing personal is inside', async () => {
    const identity = await generateX25519Identity();
    const usb = folder();
    const t = await start({
      maintenance: MaintenanceSettingsSchema.parse({
        logBundle: { recipient: await identityToRecipient(identity), folder: usb, terminalId: 'osaka-umeda-02' },
      }),
    });
    await until(() => t.kiosk.audit.recent().some((record) => record.event === 'self-test'), 'the start-up self-test');
    // A customer's whole session first, delivered: amounts, the card and a PIN went through the kiosk.
    await t.toReview();
    await t.confirm();
    await t.screen('finishing');
    t.take();
    await t.at('complete');
    t.kiosk.send({ type: 'DISMISS' });
    await t.screen('attract');

    // 役席 has no log bundle; 保守 has.
    await signInAs(t, '1001');
    send(t, { type: 'MENU_OPEN', page: 'logs' });
    await page(t, 'home');
    send(t, { type: 'MENU_EXPORT_LOGS' });
    await page(t, 'home', (view) => view.result?.outcome === 'refused');
    expect(readdirSync(usb)).toEqual([]);
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');

    await signInAs(t, '3001');
    send(t, { type: 'MENU_OPEN', page: 'logs' });
    expect(await page(t, 'logs')).toMatchObject({ folder: usb, last: undefined });
    send(t, { type: 'MENU_EXPORT_LOGS' });
    const written = await page(t, 'logs', (view) => view.last !== undefined);
    if (!written.last?.written) throw new Error(`not written: ${JSON.stringify(written.last)}`);
    const { file } = written.last;
    expect(file).toMatch(/^osaka-umeda-02-logs-\d{8}T\d{6}Z\.age$/);
    expect(readdirSync(usb)).toEqual([file]);
    expect(staffActions(t, 'export-logs').at(-1)?.detail).toMatchObject({ staff: '3001', outcome: 'done', detail: file });

    const sealed = readFileSync(join(usb, file));
    const stranger = new Decrypter();
    stranger.addIdentity(await generateX25519Identity());
    await expect(stranger.decrypt(sealed)).rejects.toThrow();
    const vendor = new Decrypter();
    vendor.addIdentity(identity);
    const text = await vendor.decrypt(sealed, 'text');
    const bundle = z
      .object({
        format: z.literal(LOG_BUNDLE_FORMAT),
        terminalId: z.literal('osaka-umeda-02'),
        version: z.string().min(1),
        configurationHash: z.string().regex(/^[0-9a-f]{16}$/),
        selfTests: z.array(z.object({ trigger: z.string(), passed: z.boolean() })).min(1),
        journal: z.object({ available: z.boolean() }),
        log: z.array(z.object({ file: z.string(), lines: z.array(z.object({ event: z.string() })) })).min(1),
      })
      .parse(JSON.parse(text));
    expect(bundle.log.flatMap((entry) => entry.lines.map((line) => line.event))).toContain('kiosk-started');
    // The hash staff read on the configuration page.
    send(t, { type: 'MENU_OPEN', page: 'configuration' });
    expect((await page(t, 'configuration')).hash).toBe(bundle.configurationHash);

    // Nothing of the customer, the card or staff: amounts, the card holder's name, the card's keyed hash, PINs.
    const facts = describeCertificate((await loadTestPki()).auth.default.certificate);
    if (!facts.ok) throw new Error('test certificate');
    const holder = facts.value.subject.split('CN=')[1] ?? '';
    const cardHashes = t.kiosk.audit
      .recent(500)
      .flatMap((record) => (typeof record.detail?.['card'] === 'string' ? [record.detail['card']] : []));
    expect(cardHashes.length).toBeGreaterThan(0);
    expect(JSON.stringify(t.gateway.submissions)).toContain(CANARY_AMOUNTS[0]);
    for (const canary of [...CANARY_AMOUNTS, holder, ...cardHashes, ...STAFF.map(([, , pin]) => pin)]) {
      expect({ canary, found: text.includes(canary) }).toEqual({ canary, found: false });
    }
  });

  it('says plainly why nothing was written: no folder there, or no key configured', async () => {
    const identity = await generateX25519Identity();
    const missing = join(folder(), 'usb-not-plugged-in');
    const t = await start({
      maintenance: MaintenanceSettingsSchema.parse({
        logBundle: { recipient: await identityToRecipient(identity), folder: missing, terminalId: 'kiosk-1' },
      }),
    });
    await signInAs(t, '3001');
    send(t, { type: 'MENU_OPEN', page: 'logs' });
    await page(t, 'logs');
    send(t, { type: 'MENU_EXPORT_LOGS' });
    expect(await page(t, 'logs', (view) => view.last !== undefined)).toMatchObject({
      last: { written: false, reason: 'folder-missing' },
      result: { action: 'export-logs', outcome: 'failed' },
    });
    expect(staffActions(t, 'export-logs').at(-1)?.detail).toMatchObject({ outcome: 'failed', detail: 'folder-missing' });
    // Plugged in: written.
    mkdirSync(missing);
    send(t, { type: 'MENU_EXPORT_LOGS' });
    await page(t, 'logs', (view) => view.last?.written === true);

    const bare = await start();
    await signInAs(bare, '3001');
    send(bare, { type: 'MENU_OPEN', page: 'logs' });
    expect(await page(bare, 'logs')).toMatchObject({ folder: undefined });
    send(bare, { type: 'MENU_EXPORT_LOGS' });
    expect(await page(bare, 'logs', (view) => view.last !== undefined)).toMatchObject({
      last: { written: false, reason: 'not-configured' },
    });
  });

  it('refuses a configuration whose key is not an age public key, or whose folder is not an absolute path, naming the field', async () => {
    const recipient = await identityToRecipient(await generateX25519Identity());
    // One character changed: the checksum no longer holds.
    const tampered = `${recipient.slice(0, -1)}${recipient.endsWith('q') ? 'p' : 'q'}`;
    const schema = z.object({ maintenance: MaintenanceSettingsSchema });
    for (const bad of [tampered, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI', '']) {
      const path = join(folder(), 'kiosk.json');
      writeFileSync(path, JSON.stringify({ maintenance: { logBundle: { recipient: bad, folder: '/media/usb', terminalId: 'k-1' } } }));
      const loaded = loadConfigFile(path, schema);
      expect(loaded).toMatchObject({ ok: false });
      if (!loaded.ok) expect(loaded.error).toContain('maintenance.logBundle.recipient: not an age public key');
    }
    // A relative folder would land wherever the service happens to run.
    const relative = join(folder(), 'kiosk.json');
    writeFileSync(relative, JSON.stringify({ maintenance: { logBundle: { recipient, folder: 'media/usb', terminalId: 'k-1' } } }));
    const refused = loadConfigFile(relative, schema);
    expect(refused.ok ? undefined : refused.error).toContain('maintenance.logBundle.folder: an absolute path');
    const path = join(folder(), 'kiosk.json');
    writeFileSync(path, JSON.stringify({ maintenance: { logBundle: { recipient, folder: '/media/usb', terminalId: 'k-1' } } }));
    expect(loadConfigFile(path, schema)).toMatchObject({ ok: true });
  });

  it('takes from the journal only systemd’s own lines about the service, never another process’s free text', () => {
    const line = (entry: object): string => JSON.stringify(entry);
    const excerpt = journalExcerpt(
      [
        line({ SYSLOG_IDENTIFIER: 'systemd', MESSAGE: 'Started mynaportal-kiosk.service.', __REALTIME_TIMESTAMP: '1795914000000000' }),
        line({ SYSLOG_IDENTIFIER: 'mynaportal-kiosk', MESSAGE: `renderer said ${CANARY_AMOUNTS[0] ?? ''}`, __REALTIME_TIMESTAMP: '1' }),
        line({ SYSLOG_IDENTIFIER: 'cage', MESSAGE: '山田太郎', __REALTIME_TIMESTAMP: '2' }),
        'not json',
      ].join('\n'),
    );
    expect(excerpt).toEqual({
      available: true,
      lines: [{ at: new Date(1_795_914_000_000).toISOString(), message: 'Started mynaportal-kiosk.service.' }],
    });
  });
});
