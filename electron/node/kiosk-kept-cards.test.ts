// 取込カード管理簿 on a running kiosk core: a card the motorised reader retains goes into the
// register with its session, keyed hash and bin position, and goes back to its owner only
// after an identity check and a supervisor's approval, audited; a card left in a desk reader
// keeps the kiosk out of service, also across a restart, until staff confirm in the menu.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import { TestKiosk, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { addStaff, page, send, signIn, staffActions, type } from '../../test/support/menu-driver.ts';

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

const withStaff = (t: TestKiosk): Promise<void> =>
  addStaff(t, [
    ['1001', 'supervisor', '246813'],
    ['2001', 'operator', '112358'],
    ['2002', 'operator', '314159'],
  ]);

// Whole kiosks with scrypt PINs: room under load.
describe('retained and left-behind cards (取込カード管理簿)', { timeout: 30_000 }, () => {
  it('records a retained card and gives it back only after an identity check and a supervisor’s approval', async () => {
    const t = await start({ delays: { cardTake: 200 } });
    await withStaff(t);
    await t.toPin();
    await t.screen('pin');
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('card-retained', 3000);
    const [record] = t.kiosk.maintenance.register.all();
    // The session the trail recorded it in, the card as the trail's keyed hash, its place in the bin.
    expect(record).toMatchObject({ status: 'open', reason: 'not-taken', binPosition: 1, session: t.lastSession().ids[0] });
    expect(record?.cardHash).toMatch(/^[0-9a-f]{16}$/);
    const trailCard = t.kiosk.audit.recent().find((entry) => entry.event === 'card-retained')?.detail?.card;
    expect(record?.cardHash).toBe(trailCard);
    const id = record?.id ?? '';
    t.kiosk.send({ type: 'DISMISS' });
    await t.screen('attract');

    await signIn(t, '2001', '112358');
    send(t, { type: 'MENU_OPEN', page: 'cards' });
    const list = await page(t, 'cards');
    expect(list.records).toEqual([expect.objectContaining({ id, status: 'open', reason: 'not-taken', binPosition: 1, ageDays: 0 })]);
    expect(list.reconciliation).toEqual({ binCount: 1, recorded: 1, matches: true });

    send(t, { type: 'MENU_FORM', form: { form: 'release-card', id } });
    await page(t, 'cards', (view) => view.form !== undefined);
    // Without saying how the owner's identity was checked, nothing is asked for.
    send(t, { type: 'MENU_SAVE' });
    expect(t.kiosk.view()).toMatchObject({ page: 'cards', form: { method: undefined } });
    send(t, { type: 'MENU_EDIT', edit: { kind: 'id-method', method: 'passport' } });
    send(t, { type: 'MENU_EDIT', edit: { kind: 'step', field: 'checkedAt', minutes: 15 } }); // never later than now
    const form = await page(t, 'cards', (view) => view.form?.method === 'passport');
    const checkedAt = form.form?.checkedAt ?? '';
    send(t, { type: 'MENU_SAVE' });
    // The approver sees which card is given back and on what check, as the trail will record it.
    const asked = await page(t, 'sign-in', (view) => view.purpose === 'approve' && view.approving === 'release-card');
    expect(asked.approvingWhat).toEqual({ subject: id, detail: `passport:${checkedAt}` });
    // Another operator may not approve: a supervisor must.
    type(t, '2002');
    type(t, '314159');
    await page(t, 'sign-in', (view) => view.problem === 'role');
    expect(t.kiosk.maintenance.register.get(id)?.status).toBe('open');
    type(t, '1001');
    type(t, '246813');
    await page(t, 'cards', (view) => view.result?.action === 'release-card');
    expect(t.kiosk.view()).toMatchObject({ result: { action: 'release-card', outcome: 'done' } });

    expect(t.kiosk.maintenance.register.get(id)).toMatchObject({
      status: 'released',
      release: { checkedBy: '2001', method: 'passport', checkedAt, approvedBy: '1001' },
    });
    expect(staffActions(t)).toContainEqual({
      staff: '2001',
      action: 'release-card',
      outcome: 'done',
      approver: '1001',
      subject: id,
      detail: `passport:${checkedAt}`,
    });
    const after = await page(t, 'cards');
    expect(after.records[0]).toMatchObject({ status: 'released', released: { checkedBy: '2001', approvedBy: '1001' } });
  });

  it('keeps a desk reader out of service after a card is left in it, also across a restart, until staff confirm', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-kept-'));
    folders.push(dataDir);
    const desk = { mechanics: 'desk', dataDir, delays: { cardTake: 200 } } as const;
    const t = await start(desk);
    await withStaff(t);
    await t.toInsertCard();
    t.reader.insert(await createEmulatedCard('default'));
    await t.screen('pin');
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('card-left-behind', 3000);
    // Someone passing takes it: the next customer is not served, and is told staff are needed.
    t.reader.remove();
    expect(await t.screen('out-of-service')).toMatchObject({ reason: 'operator', notice: 'card-left-behind' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.kiosk.view()).toMatchObject({ screen: 'out-of-service', notice: 'card-left-behind' });
    const [record] = t.kiosk.maintenance.register.all();
    expect(record).toMatchObject({ status: 'open', reason: 'left-behind', binPosition: undefined, session: t.lastSession().ids[0] });
    expect(t.kiosk.maintenance.control.causes()).toEqual([expect.objectContaining({ kind: 'card-left-behind', record: record?.id })]);

    // A restart does not put it back in front of customers.
    await t.kiosk.stop();
    const again = await start(desk);
    expect(await again.screen('out-of-service')).toMatchObject({ notice: 'card-left-behind' });

    await signIn(again, '2001', '112358');
    send(again, { type: 'MENU_OPEN', page: 'cards' });
    const shown = await page(again, 'cards');
    expect(shown.lock?.record).toBe(record?.id);
    // Saying the customer's card is gone closes its record for good: a second person approves.
    send(again, { type: 'MENU_CONFIRM_CARD', outcome: 'not-found' });
    const asked = await page(again, 'sign-in', (view) => view.purpose === 'approve' && view.approving === 'record-card-missing');
    expect(asked.approvingWhat).toEqual({ detail: 'not-found' });
    expect(again.kiosk.maintenance.register.get(record?.id ?? '')).toMatchObject({ status: 'open' });
    type(again, '1001');
    type(again, '246813');
    await page(again, 'cards', (view) => view.lock === undefined && view.result?.outcome === 'done');
    expect(again.kiosk.maintenance.register.get(record?.id ?? '')).toMatchObject({ status: 'not-found', closedBy: '2001' });
    expect(staffActions(again)).toContainEqual({
      staff: '2001',
      approver: '1001',
      action: 'record-card-missing',
      outcome: 'done',
      detail: 'not-found',
    });
    again.kiosk.serviceKey(false);
    await again.screen('attract');
  });
});
