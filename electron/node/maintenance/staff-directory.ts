// The staff who may sign in to the maintenance menu, in the kiosk database: staff number,
// role and the PIN's scrypt hash, never the PIN. Five wrong PINs in a row lock a number until
// a supervisor unlocks it (or an administrator sets a new PIN); wrong PINs across all numbers
// slow every sign-in down (sign-in-throttle.ts). An unknown number costs the same hashing
// time as a known one and gets the same answer.
import type { StaffMemberView, StaffRole, StaffView } from '../../common/maintenance/maintenance-view.ts';
import { err, ok, type Result } from '../../common/result.ts';
import type { KioskDatabase } from '../storage/kiosk-database.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { decoyHash, hashStaffPin, STAFF_PIN_MAX, STAFF_PIN_MIN, verifyStaffPin } from './staff-pin.ts';

export const MAX_WRONG_PINS = 5;

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly staff: StaffView }
  | { readonly kind: 'wrong-pin' }
  /** Locked now (the fifth wrong PIN) or before: a supervisor must unlock it. */
  | { readonly kind: 'locked'; readonly now: boolean }
  /** Too many wrong PINs across all numbers lately: nothing was checked; try again after the wait. */
  | { readonly kind: 'throttled'; readonly waitMs: number };

interface Row {
  number: string;
  role: StaffRole;
  pin_hash: string;
  failed_attempts: number;
  locked_at: string | null;
}

const STAFF_NUMBER = /^[0-9]{4,8}$/;

export const validStaffPin = (pin: Uint8Array): boolean => pin.length >= STAFF_PIN_MIN && pin.length <= STAFF_PIN_MAX;

export class StaffDirectory {
  readonly #db: KioskDatabase;
  readonly #now: () => Date;
  readonly #throttle: SignInThrottle;

  constructor(db: KioskDatabase, now: () => Date = () => new Date(), throttle = new SignInThrottle()) {
    this.#db = db;
    this.#now = now;
    this.#throttle = throttle;
  }

  #row(number: string): Row | undefined {
    return this.#db.prepare('SELECT number, role, pin_hash, failed_attempts, locked_at FROM staff WHERE number = ?').get(number) as
      Row | undefined;
  }

  /** Checks a staff number and PIN; the caller wipes `pin`. */
  async signIn(number: string, pin: Uint8Array): Promise<SignInOutcome> {
    const started = this.#now().getTime();
    const wait = this.#throttle.waitMs(started);
    if (wait > 0) return { kind: 'throttled', waitMs: wait };
    const row = STAFF_NUMBER.test(number) ? this.#row(number) : undefined;
    if (row?.locked_at) return { kind: 'locked', now: false };
    const matches = await verifyStaffPin(pin, row?.pin_hash ?? (await decoyHash()));
    // Hashing takes a while: a lock-out that came meanwhile still holds.
    if (row && this.#row(number)?.locked_at) return { kind: 'locked', now: false };
    if (row && matches) {
      this.#db.prepare('UPDATE staff SET failed_attempts = 0 WHERE number = ?').run(number);
      return { kind: 'signed-in', staff: { number: row.number, role: row.role } };
    }
    this.#throttle.failed(this.#now().getTime());
    if (!row) return { kind: 'wrong-pin' };
    const { failed_attempts: failed } = this.#db
      .prepare('UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE number = ? RETURNING failed_attempts')
      .get(number) as { failed_attempts: number };
    if (failed < MAX_WRONG_PINS) return { kind: 'wrong-pin' };
    this.#db.prepare('UPDATE staff SET locked_at = ? WHERE number = ?').run(this.#now().toISOString(), number);
    return { kind: 'locked', now: true };
  }

  members(): StaffMemberView[] {
    const rows = this.#db.prepare('SELECT number, role, pin_hash, failed_attempts, locked_at FROM staff ORDER BY number').all() as Row[];
    return rows.map((row) => ({ number: row.number, role: row.role, locked: row.locked_at !== null, failedAttempts: row.failed_attempts }));
  }

  role(number: string): StaffRole | undefined {
    return this.#row(number)?.role;
  }

  /** A new staff member with the PIN they typed; the caller wipes `pin`. */
  async add(staff: StaffView, pin: Uint8Array, by: string): Promise<Result<undefined, 'exists' | 'invalid'>> {
    if (!STAFF_NUMBER.test(staff.number) || !validStaffPin(pin)) return err('invalid');
    if (this.#row(staff.number)) return err('exists');
    const hash = await hashStaffPin(pin);
    const inserted = this.#db
      .prepare('INSERT OR IGNORE INTO staff (number, role, pin_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(staff.number, staff.role, hash, this.#now().toISOString(), by);
    return inserted.changes === 1 ? ok(undefined) : err('exists');
  }

  /** A new PIN, which also lifts a lock-out. */
  async resetPin(number: string, pin: Uint8Array): Promise<Result<undefined, 'not-found' | 'invalid'>> {
    if (!validStaffPin(pin)) return err('invalid');
    if (!this.#row(number)) return err('not-found');
    const hash = await hashStaffPin(pin);
    this.#db.prepare('UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_at = NULL WHERE number = ?').run(hash, number);
    return ok(undefined);
  }

  unlock(number: string): Result<undefined, 'not-found' | 'not-locked'> {
    const row = this.#row(number);
    if (!row) return err('not-found');
    if (!row.locked_at) return err('not-locked');
    this.#db.prepare('UPDATE staff SET failed_attempts = 0, locked_at = NULL WHERE number = ?').run(number);
    return ok(undefined);
  }

  /** Never the last administrator: nobody could manage the staff any more. */
  remove(number: string): Result<undefined, 'not-found' | 'last-administrator'> {
    const row = this.#row(number);
    if (!row) return err('not-found');
    if (row.role === 'administrator' && this.#count('administrator') === 1) return err('last-administrator');
    this.#db.prepare('DELETE FROM staff WHERE number = ?').run(number);
    return ok(undefined);
  }

  #count(role: StaffRole): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM staff WHERE role = ?').get(role) as { n: number }).n;
  }

  /**
   * Whether the first staff may still be provisioned from the terminal: until there is an
   * administrator and a supervisor, the menu cannot manage staff under dual control (二人制).
   */
  bootstrapping(): boolean {
    return this.#count('administrator') === 0 || this.#count('supervisor') === 0;
  }
}
