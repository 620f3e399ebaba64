// The maintenance menu on a running kiosk core (simulated motorised reader, the reference
// gateway over loopback, the real database, scrypt PINs): entry by the service key only and
// never over a customer's card, sign-in with lock-out and unlock, out of service now, the
// self-test taking the kiosk out of service, a schedule override applied without a restart,
// the reader test without personal data (motorised and XFS4IoT readers), and the attract loop
// back when the menu closes.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCertificate } from '../../../native/pki/describe-certificate.ts';
import { loadTestPki } from '../../../native/devkit/test-pki/test-pki.ts';
import { TestKiosk, tuesdayAfternoon, type TestKioskOptions } from '../../../test/support/kiosk-driver.ts';
import type { MaintenanceEvent } from '../../common/maintenance/maintenance-events.ts';
import { addStaff, page, send, signIn, type } from '../../../test/support/menu-driver.ts';
import { until } from '../../../test/support/until.ts';
import { MaintenanceSettingsSchema } from '../config/kiosk-config.ts';
import { MAX_WRONG_PINS } from './staff-directory.ts';

// Whole kiosks with scrypt PINs (a tenth of a second per hash, more on a busy machine): each test gets 20 s.
const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  kiosks.push(kiosk);
  return kiosk;
}

/** Staff of the branch: two supervisors (二人制 needs two), an operator, an administrator. */
const withStaff = (t: TestKiosk): Promise<void> =>
  addStaff(t, [
    ['1001', 'supervisor', '246813'],
    ['1002', 'supervisor', '135792'],
    ['2001', 'operator', '112358'],
    ['9001', 'administrator', '864209'],
  ]);

const auditEvents = (t: TestKiosk): string[] => t.kiosk.audit.recent(500).map((record) => record.event);

describe('entering the maintenance menu', { timeout: 20_000 }, () => {
  it('opens only by the service key: the screen’s own events cannot open it or act in it', async () => {
    const t = await start();
    await withStaff(t);
    await t.screen('attract');
    for (const event of [
      { type: 'MENU_OPEN', page: 'service-control' },
      { type: 'MENU_SUSPEND', notice: 'system-fault' },
      { type: 'MENU_DIGIT', digit: 1 },
      { type: 'MENU_ENTER' },
    ] satisfies MaintenanceEvent[]) {
      send(t, event);
    }
    expect(t.kiosk.view().screen).toBe('attract');
    expect(t.kiosk.maintenance.control.inService).toBe(true);
    t.kiosk.serviceKey(true);
    await page(t, 'sign-in');
    // While the menu holds the screen, no customer's input reaches a session.
    send(t, { type: 'TOUCH' } as unknown as MaintenanceEvent);
    expect(t.kiosk.view()).toMatchObject({ screen: 'maintenance', page: 'sign-in' });
    expect(auditEvents(t)).toContain('maintenance-opened');
  });

  it('is refused while a customer’s card is held, and opens once that customer has finished, before the next one', async () => {
    const t = await start();
    await withStaff(t);
    await t.toPin();
    await t.screen('pin');
    send(t, { type: 'DIGIT', digit: 1 } as unknown as MaintenanceEvent);
    t.kiosk.serviceKey(true);
    await page(t, 'refused');
    // The customer's session goes on underneath, card held, digits kept.
    expect(t.motorised().position).toBe('inside');
    send(t, { type: 'MENU_AFTER_CUSTOMER' });
    const pin = await t.at('pin');
    expect(pin.digits).toBe(1);
    // The customer stops; the card comes back; once it is taken, the menu opens at once.
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    t.take();
    await page(t, 'sign-in');
    expect(auditEvents(t)).toEqual(expect.arrayContaining(['maintenance-refused', 'maintenance-deferred', 'maintenance-opened']));
    // The key turned back closes it: a fresh customer session at the attract loop.
    t.kiosk.serviceKey(false);
    await t.screen('attract');
    expect(auditEvents(t).at(-1)).toBe('maintenance-closed');
  });

  it('ends a customer’s session without a card safely when the key opens the menu', async () => {
    const t = await start();
    await withStaff(t);
    await t.toInsertCard();
    t.kiosk.serviceKey(true);
    await page(t, 'sign-in');
    expect(t.lastSession().endReason).toBe('cancelled');
    // The reader takes no card while the menu is open.
    await expect(t.insert('default')).rejects.toThrow(/refused the card/);
  });
});

describe('staff sign-in', { timeout: 20_000 }, () => {
  it('locks a staff number after five wrong PINs until a supervisor unlocks it in the menu, recording every attempt', async () => {
    const clock = tuesdayAfternoon();
    const t = await start({ now: clock.now });
    await withStaff(t);
    t.kiosk.serviceKey(true);
    await page(t, 'sign-in');
    for (let attempt = 1; attempt <= MAX_WRONG_PINS; attempt += 1) {
      // Past the slow-down that wrong PINs bring on every sign-in.
      clock.advance(60_000);
      type(t, '2001');
      type(t, '000000');
      await page(t, 'sign-in', (view) => view.step === 'number' && view.problem !== undefined);
    }
    expect(t.kiosk.view()).toMatchObject({ page: 'sign-in', problem: 'locked' });
    clock.advance(60_000);
    type(t, '2001');
    type(t, '112358');
    await page(t, 'sign-in', (view) => view.problem === 'locked');

    clock.advance(60_000);
    type(t, '1001');
    type(t, '246813');
    await page(t, 'home');
    send(t, { type: 'MENU_OPEN', page: 'staff' });
    expect((await page(t, 'staff')).members.find((member) => member.number === '2001')).toMatchObject({ locked: true });
    send(t, { type: 'MENU_UNLOCK', number: '2001' });
    await page(t, 'staff', (view) => view.members.some((member) => member.number === '2001' && !member.locked));
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');
    await signIn(t, '2001', '112358');
    expect(t.kiosk.view()).toMatchObject({ staff: { number: '2001', role: 'operator' } });

    const signIns = t.kiosk.audit
      .recent(500)
      .filter((record) => record.event === 'staff-sign-in' || record.event === 'staff-locked' || record.event === 'staff-action')
      .map((record) => [record.event, record.detail?.staff, record.detail?.outcome ?? record.detail?.action]);
    expect(signIns).toEqual([
      ...Array.from({ length: MAX_WRONG_PINS - 1 }, () => ['staff-sign-in', '2001', 'wrong-pin']),
      ['staff-sign-in', '2001', 'locked'],
      ['staff-locked', '2001', undefined],
      ['staff-sign-in', '2001', 'locked'],
      ['staff-sign-in', '1001', 'signed-in'],
      ['staff-action', '1001', 'done'],
      ['staff-sign-in', '2001', 'signed-in'],
    ]);
    // No PIN anywhere in the trail.
    expect(JSON.stringify(t.kiosk.audit.recent(500))).not.toMatch(/112358|246813|000000/);
  });
});

describe('service control', { timeout: 20_000 }, () => {
  it('out of service now returns the card, wipes the data and discards the retrieval, then shows what staff chose', async () => {
    const t = await start();
    await t.toReview();
    expect(t.gateway.heldRetrievals).toBe(1);
    // The crash loop of the screen (the shell) and the menu's suspension both end a session this way.
    t.kiosk.setInService(false);
    const returning = await t.at('returning-card');
    // Deleted at the gateway as on every end before consent: asked for at once, said done only once confirmed.
    expect(returning).toMatchObject({ reason: 'cancelled' });
    expect(['requested', 'confirmed']).toContain(returning.deletion);
    expect(JSON.stringify(t.kiosk.view())).not.toContain('salaryIncome');
    expect(t.motorised().position).toBe('at-slot');
    await until(() => t.gateway.heldRetrievals === 0, 'the retrieval discarded at the gateway');
    t.take();
    expect(await t.at('out-of-service')).toMatchObject({ reason: 'operator', notice: 'system-fault' });
    expect(t.gateway.submissions).toEqual([]);
  });

  it('takes the kiosk out of service with the text staff chose, and puts it back', async () => {
    const t = await start();
    await withStaff(t);
    await signIn(t, '2001', '112358');
    send(t, { type: 'MENU_OPEN', page: 'service-control' });
    await page(t, 'service-control');
    send(t, { type: 'MENU_SUSPEND', notice: 'closed-today' });
    await page(t, 'service-control', (view) => view.result?.outcome === 'done' && !view.service.inService);
    // 窓口担当 may take it out of service, not put it back.
    send(t, { type: 'MENU_RESUME' });
    await page(t, 'service-control', (view) => view.result?.outcome === 'refused');
    send(t, { type: 'MENU_CLOSE' });
    expect(await t.at('out-of-service')).toMatchObject({ notice: 'closed-today' });
    // Staff's decision outlives the menu and a session, and a supervisor puts it back.
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_OPEN', page: 'service-control' });
    await page(t, 'service-control');
    send(t, { type: 'MENU_RESUME' });
    await page(t, 'service-control', (view) => view.service.inService);
    t.kiosk.serviceKey(false);
    await t.screen('attract');
    const actions = t.kiosk.audit.recent(500).filter((record) => record.event === 'staff-action');
    expect(actions.map((record) => [record.detail?.staff, record.detail?.action, record.detail?.outcome])).toEqual([
      ['2001', 'suspend', 'done'],
      ['2001', 'resume', 'refused'],
      ['1001', 'resume', 'done'],
    ]);
  });

  it('switches one service off for customers (the service choice says so), and back on', async () => {
    const t = await start();
    await withStaff(t);
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_OPEN', page: 'service-control' });
    await page(t, 'service-control');
    send(t, { type: 'MENU_FORM', form: { form: 'service-off', serviceId: 'housing-loan-income' } });
    send(t, { type: 'MENU_SAVE' });
    await page(t, 'service-control', (view) => view.services.some((service) => service.id === 'housing-loan-income' && !service.available));
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');
    t.kiosk.send({ type: 'START' });
    const choice = await t.at('service-choice');
    expect(choice.services.find((service) => service.id === 'housing-loan-income')).toMatchObject({
      available: false,
      nextAvailableAt: undefined,
    });
    t.kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await t.screen('unavailable');
    t.kiosk.send({ type: 'CANCEL' });
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_OPEN', page: 'service-control' });
    send(t, { type: 'MENU_SERVICE_ON', serviceId: 'housing-loan-income' });
    await page(t, 'service-control', (view) => view.services.every((service) => service.available));
  });
});

describe('the self-test', { timeout: 20_000 }, () => {
  it('takes the kiosk out of service at start-up when a check fails, with the reason for staff', async () => {
    // More free disk space than any disk has: the start-up self-test fails on it.
    const t = await start({ maintenance: MaintenanceSettingsSchema.parse({ minFreeDiskMegabytes: 1_000_000 }) });
    await until(() => t.kiosk.view().screen === 'out-of-service' && 'notice' in t.kiosk.view(), 'out of service for the self-test');
    expect(t.kiosk.view()).toMatchObject({ screen: 'out-of-service', reason: 'operator', notice: 'system-fault' });
    const last = t.kiosk.maintenance.selfTests.last();
    expect(last).toMatchObject({ trigger: 'start-up', passed: false });
    expect(last?.results.find((result) => result.check === 'disk')).toMatchObject({ outcome: 'fail', finding: 'low' });
    expect(t.kiosk.audit.recent().find((record) => record.event === 'self-test')?.detail).toMatchObject({ passed: false, failed: 'disk' });
  });

  it('takes the kiosk out of service on a key file readable by others, and back in once a run passes', async () => {
    const t = await start();
    await until(() => t.kiosk.maintenance.selfTests.last() !== undefined, 'the start-up self-test');
    await t.screen('attract');
    chmodSync(join(t.dataDir, 'database.key'), 0o644);
    const failed = await t.kiosk.maintenance.selfTests.run('daily');
    expect(failed.results.find((result) => result.check === 'key-files')).toMatchObject({
      outcome: 'fail',
      finding: 'mode-0644:database.key',
    });
    expect(await t.at('out-of-service')).toMatchObject({ notice: 'system-fault' });
    chmodSync(join(t.dataDir, 'database.key'), 0o600);
    expect((await t.kiosk.maintenance.selfTests.run('retry')).passed).toBe(true);
    await t.screen('attract');
  });
});

describe('schedules', { timeout: 20_000 }, () => {
  it('applies a planned stop entered in the menu (approved by a second supervisor) to the next customer, without a restart', async () => {
    const t = await start();
    await withStaff(t);
    await signIn(t, '1001', '246813');
    send(t, { type: 'MENU_OPEN', page: 'schedules' });
    send(t, { type: 'MENU_TAB', tab: 'stops' });
    send(t, { type: 'MENU_FORM', form: { form: 'planned-stop' } });
    // マイナポータル, from the quarter hour now begun: the preview shows every service stopped.
    send(t, { type: 'MENU_EDIT', edit: { kind: 'step', field: 'from', minutes: -15 } });
    const form = await page(t, 'schedules', (view) => view.form?.form === 'planned-stop');
    expect(form.preview.every((service) => !service.available)).toBe(true);
    send(t, { type: 'MENU_SAVE' });
    await page(t, 'sign-in', (view) => view.purpose === 'approve' && view.approving === 'edit-schedules');
    type(t, '1002');
    type(t, '135792');
    await page(t, 'schedules', (view) => view.overrides.stops.length === 1 && view.result?.outcome === 'done');
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');
    t.kiosk.send({ type: 'START' });
    const choice = await t.at('service-choice');
    const until = form.form?.form === 'planned-stop' ? form.form.until : undefined;
    expect(choice.services.map((service) => [service.available, service.nextAvailableAt])).toEqual(
      choice.services.map(() => [false, until]),
    );
    expect(t.kiosk.audit.recent(500).find((record) => record.event === 'staff-action')?.detail).toMatchObject({
      staff: '1001',
      approver: '1002',
      action: 'edit-schedules',
      outcome: 'done',
      subject: 'mynaportal',
    });
  });
});

// Each reader kind the kiosk deploys with: the menu inspects the card through the same reader
// port the customer's session uses, and hands it back through that reader's own mechanics.
const readerKinds = [
  {
    kind: 'the demo motorised reader',
    options: {},
    atSlot: (t: TestKiosk) => t.motorised().position === 'at-slot',
  },
  {
    kind: 'an XFS4IoT card reader',
    options: { reader: 'xfs4iot' },
    atSlot: (t: TestKiosk) => t.xfs4iot.device.media === 'entering',
  },
] satisfies { kind: string; options: TestKioskOptions; atSlot: (t: TestKiosk) => boolean }[];

describe.each(readerKinds)('the reader test on $kind', { timeout: 20_000 }, ({ options, atSlot }) => {
  it('shows what card status finds for an inserted card, without personal data, and gives the card back', async () => {
    const t = await start(options);
    await withStaff(t);
    await signIn(t, '2001', '112358');
    send(t, { type: 'MENU_OPEN', page: 'reader-test' });
    await page(t, 'reader-test', (view) => view.readers !== undefined);
    await t.insert('default');
    const tested = await page(
      t,
      'reader-test',
      (view) => view.readers?.some((reader) => reader.card === 'present' && reader.verdict === 'ok') ?? false,
    );
    expect(tested.readers?.[0]).toMatchObject({ jpkiApplication: 'yes', tokenKind: 'my-number-card', pinTriesLeft: 3 });
    const pki = await loadTestPki();
    const facts = describeCertificate(pki.auth.default.certificate);
    if (!facts.ok) throw new Error('test certificate');
    const shown = JSON.stringify(tested);
    for (const personal of [facts.value.subject, facts.value.serialNumber, facts.value.sha256Fingerprint])
      expect(shown).not.toContain(personal);
    send(t, { type: 'MENU_EJECT' });
    await until(() => atSlot(t), 'the test card back at the slot');
    t.take();
    send(t, { type: 'MENU_CLOSE' });
    await t.screen('attract');
  });
});
