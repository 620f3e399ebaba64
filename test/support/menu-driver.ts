// The maintenance menu driven as staff use it, on a whole test kiosk: staff added to its
// directory, sign-in by the service key and the staff keypad, pages waited for as the core
// projects them, and the audit trail's record of staff actions.
import { expect } from 'vitest';
import type { MaintenanceEvent } from '../../electron/common/maintenance/maintenance-events.ts';
import type { MaintenancePageView, StaffRole } from '../../electron/common/maintenance/maintenance-view.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import type { TestKiosk } from './kiosk-driver.ts';
import { until } from './until.ts';

/** A staff member: number, role, PIN. */
export type StaffMember = readonly [number: string, role: StaffRole, pin: string];

const PIN = new TextEncoder();

export async function addStaff(t: TestKiosk, staff: readonly StaffMember[]): Promise<void> {
  for (const [number, role, pin] of staff) {
    expect((await t.kiosk.maintenance.staff.add({ number, role }, PIN.encode(pin), 'test')).ok).toBe(true);
  }
}

/** An event from the menu's screen, which the core must accept. */
export function send(t: TestKiosk, event: MaintenanceEvent): void {
  expect(t.kiosk.send(event)).toEqual({ ok: true, value: undefined });
}

/** Digits on the staff keypad, then 確定. */
export function type(t: TestKiosk, digits: string): void {
  for (const digit of digits) send(t, { type: 'MENU_DIGIT', digit: Number(digit) });
  send(t, { type: 'MENU_ENTER' });
}

export type Page<P extends MaintenancePageView['page']> = Extract<ViewModel, { screen: 'maintenance'; page: P }>;

/** Waits until the menu shows this page (and, if given, the page says so). */
export async function page<P extends MaintenancePageView['page']>(
  t: TestKiosk,
  name: P,
  holds: (view: Page<P>) => boolean = () => true,
): Promise<Page<P>> {
  const shown = (): Page<P> | undefined => {
    const view = t.kiosk.view();
    return view.screen === 'maintenance' && view.page === name && holds(view as Page<P>) ? (view as Page<P>) : undefined;
  };
  await until(() => shown() !== undefined, `maintenance page ${name}`, 8000).catch((error: unknown) => {
    throw new Error(`${String(error)}: now ${JSON.stringify(t.kiosk.view()).slice(0, 600)}`);
  });
  const view = shown();
  if (!view) throw new Error('unreachable');
  return view;
}

/** The service key turned, then the staff number and PIN on the keypad: the menu's home. */
export async function signIn(t: TestKiosk, number: string, pin: string): Promise<void> {
  t.kiosk.serviceKey(true);
  await page(t, 'sign-in');
  type(t, number);
  type(t, pin);
  await page(t, 'home');
}

/** The details of the staff actions in the audit trail, oldest first. */
export const staffActions = (t: TestKiosk) =>
  t.kiosk.audit
    .recent(500)
    .filter((record) => record.event === 'staff-action')
    .map((record) => record.detail);
