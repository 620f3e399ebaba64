// Staff sign-in as the kiosk database keeps it: PINs only as scrypt hashes, a number locked
// after five wrong PINs until it is unlocked, and a slow-down for everyone once wrong PINs
// pile up across numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskDatabase, type KioskDatabase } from '../storage/kiosk-database.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { MAX_WRONG_PINS, StaffDirectory } from './staff-directory.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): { db: KioskDatabase; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'staff-'));
  dirs.push(dir);
  const path = join(dir, 'kiosk.sqlite');
  return { db: openKioskDatabase(path), path };
}

const pin = (digits: string): Uint8Array => new TextEncoder().encode(digits);

/** A clock the test moves. */
function clock(): { now: () => Date; advance: (ms: number) => void } {
  let at = Date.parse('2026-11-24T05:00:00Z');
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

describe('the staff directory', () => {
  it('keeps a PIN only as a salted scrypt hash, and signs in with it', async () => {
    const { db, path } = database();
    const staff = new StaffDirectory(db);
    expect(await staff.add({ number: '1001', role: 'supervisor' }, pin('73915824'), 'test')).toEqual({ ok: true, value: undefined });
    expect(await staff.add({ number: '1002', role: 'operator' }, pin('73915824'), 'test')).toEqual({ ok: true, value: undefined });
    const hashes = db.prepare('SELECT pin_hash FROM staff').all() as { pin_hash: string }[];
    // The same PIN twice: two different hashes (salted), both scrypt.
    expect(hashes.map((row) => row.pin_hash.split('$').slice(0, 4).join('$'))).toEqual(['scrypt$32768$8$1', 'scrypt$32768$8$1']);
    expect(hashes[0]?.pin_hash).not.toBe(hashes[1]?.pin_hash);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes(Buffer.from('73915824'))).toBe(false);
    expect(await staff.signIn('1001', pin('73915824'))).toEqual({ kind: 'signed-in', staff: { number: '1001', role: 'supervisor' } });
    expect(await staff.signIn('1001', pin('73915825'))).toEqual({ kind: 'wrong-pin' });
  });

  it('answers an unknown number as it answers a wrong PIN', async () => {
    const { db } = database();
    const staff = new StaffDirectory(db);
    await staff.add({ number: '1001', role: 'operator' }, pin('246813'), 'test');
    expect(await staff.signIn('9999', pin('246813'))).toEqual({ kind: 'wrong-pin' });
    expect(await staff.signIn('1001', pin('246814'))).toEqual({ kind: 'wrong-pin' });
  });

  it('locks a number at the fifth wrong PIN in a row, also against the right PIN, until it is unlocked', async () => {
    const { db } = database();
    const staff = new StaffDirectory(db, undefined, new SignInThrottle({ free: 100, windowMs: 1, firstWaitMs: 1, maxWaitMs: 1 }));
    await staff.add({ number: '2001', role: 'operator' }, pin('135792'), 'test');
    // A right PIN in between starts the count again.
    for (let i = 0; i < MAX_WRONG_PINS - 1; i += 1) expect(await staff.signIn('2001', pin('000000'))).toEqual({ kind: 'wrong-pin' });
    expect((await staff.signIn('2001', pin('135792'))).kind).toBe('signed-in');
    for (let i = 0; i < MAX_WRONG_PINS - 1; i += 1) expect(await staff.signIn('2001', pin('000000'))).toEqual({ kind: 'wrong-pin' });
    expect(await staff.signIn('2001', pin('000000'))).toEqual({ kind: 'locked', now: true });
    expect(await staff.signIn('2001', pin('135792'))).toEqual({ kind: 'locked', now: false });
    expect(staff.members()).toEqual([{ number: '2001', role: 'operator', locked: true, failedAttempts: MAX_WRONG_PINS }]);
    // Survives a restart: it is in the database.
    expect(await new StaffDirectory(db).signIn('2001', pin('135792'))).toEqual({ kind: 'locked', now: false });

    expect(staff.unlock('2001')).toEqual({ ok: true, value: undefined });
    expect(staff.unlock('2001')).toEqual({ ok: false, error: 'not-locked' });
    expect(await staff.signIn('2001', pin('135792'))).toEqual({ kind: 'signed-in', staff: { number: '2001', role: 'operator' } });
  });

  it('lifts a lock-out with a new PIN, and only the new PIN works', async () => {
    const { db } = database();
    const staff = new StaffDirectory(db, undefined, new SignInThrottle({ free: 100, windowMs: 1, firstWaitMs: 1, maxWaitMs: 1 }));
    await staff.add({ number: '2002', role: 'maintenance' }, pin('135792'), 'test');
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) await staff.signIn('2002', pin('000000'));
    expect(await staff.resetPin('2002', pin('864209'))).toEqual({ ok: true, value: undefined });
    expect(await staff.signIn('2002', pin('135792'))).toEqual({ kind: 'wrong-pin' });
    expect((await staff.signIn('2002', pin('864209'))).kind).toBe('signed-in');
  });

  it('slows every sign-in down once wrong PINs pile up across numbers, and lets them through after the wait', async () => {
    const { db } = database();
    const time = clock();
    const staff = new StaffDirectory(db, time.now);
    await staff.add({ number: '3001', role: 'supervisor' }, pin('112358'), 'test');
    // Three slips across three numbers are free …
    for (const number of ['4001', '4002', '4003']) expect(await staff.signIn(number, pin('000000'))).toEqual({ kind: 'wrong-pin' });
    // … the fourth makes everyone wait, even the right PIN of a number never tried.
    expect(await staff.signIn('4004', pin('000000'))).toEqual({ kind: 'wrong-pin' });
    expect(await staff.signIn('3001', pin('112358'))).toEqual({ kind: 'throttled', waitMs: 2000 });
    time.advance(2000);
    expect(await staff.signIn('4005', pin('000000'))).toEqual({ kind: 'wrong-pin' });
    // Each further failure doubles the wait.
    expect(await staff.signIn('3001', pin('112358'))).toEqual({ kind: 'throttled', waitMs: 4000 });
    time.advance(4000);
    expect((await staff.signIn('3001', pin('112358'))).kind).toBe('signed-in');
    // A throttled attempt checks nothing, so it costs the number no try.
    expect(staff.members()[0]?.failedAttempts).toBe(0);
  });

  it('never removes the last administrator, and lets the terminal provision staff only until dual control can start', async () => {
    const { db } = database();
    const staff = new StaffDirectory(db);
    expect(staff.bootstrapping()).toBe(true);
    await staff.add({ number: '9001', role: 'administrator' }, pin('555555'), 'provisioning');
    expect(staff.bootstrapping()).toBe(true);
    await staff.add({ number: '9002', role: 'supervisor' }, pin('555556'), 'provisioning');
    expect(staff.bootstrapping()).toBe(false);
    expect(staff.remove('9001')).toEqual({ ok: false, error: 'last-administrator' });
    expect(await staff.add({ number: '9001', role: 'operator' }, pin('555557'), '9001')).toEqual({ ok: false, error: 'exists' });
    expect(await staff.add({ number: '9003', role: 'operator' }, pin('123'), '9001')).toEqual({ ok: false, error: 'invalid' });
    expect(staff.remove('9002')).toEqual({ ok: true, value: undefined });
  });
});
