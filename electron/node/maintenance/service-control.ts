// In or out of service, and each service on or off, as staff, the self-test and the shell
// decide it. Staff's decisions are kept in the kiosk database (a restart does not put a kiosk
// staff took out of service back in front of customers); a failed self-test and a crash loop
// of the screen are not: the start-up self-test and a fresh screen judge again.
import { z } from 'zod';
import {
  CUSTOMER_NOTICES,
  SWITCH_REASONS,
  type CustomerNotice,
  type OutOfServiceCause,
  type OutOfServiceNotice,
  type SelfTestCheck,
  type SwitchReason,
} from '../../common/maintenance/maintenance-view.ts';
import type { MaintenanceStateStore } from './maintenance-state.ts';

const staff = z.string().regex(/^[0-9]{4,8}$/);
const instant = z.iso.datetime({ offset: true });

const SuspensionSchema = z.object({ notice: z.enum(CUSTOMER_NOTICES), since: instant, staff }).nullable();
export type Suspension = NonNullable<z.infer<typeof SuspensionSchema>>;

/** A card left in a desk reader: the kiosk stays out of service until staff confirm what happened. */
const CardLockSchema = z.object({ since: instant, record: z.string().regex(/^kc-[a-z0-9]{1,40}$/) }).nullable();
export type CardLock = NonNullable<z.infer<typeof CardLockSchema>>;

export const ServiceSwitchSchema = z.object({
  serviceId: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  reason: z.enum(SWITCH_REASONS),
  from: instant,
  /** Absent: until switched back on. */
  until: instant.optional(),
  /** The day デジタル庁 was notified of a planned suspension or an end (two weeks ahead). */
  notifiedOn: z.iso.date().optional(),
  by: staff,
  approvedBy: staff.optional(),
});
export type ServiceSwitch = z.infer<typeof ServiceSwitchSchema>;
const SwitchesSchema = z.array(ServiceSwitchSchema).max(100);

export interface SwitchOff {
  readonly serviceId: string;
  readonly reason: SwitchReason;
  readonly from: string;
  readonly until?: string;
  readonly notifiedOn?: string;
}

export class ServiceControl {
  readonly #state: MaintenanceStateStore;
  readonly #now: () => Date;
  readonly #listeners = new Set<() => void>();
  #suspension: Suspension | null;
  #cardLock: CardLock | null;
  #switches: ServiceSwitch[];
  #selfTest: { readonly checks: readonly SelfTestCheck[]; readonly since: string } | undefined;
  #screenFault: string | undefined;
  #version = 0;

  constructor(state: MaintenanceStateStore, now: () => Date) {
    this.#state = state;
    this.#now = now;
    this.#suspension = state.read('suspension', SuspensionSchema, null);
    this.#switches = state.read('service-switches', SwitchesSchema, []);
    this.#cardLock = state.read('card-lock', CardLockSchema, null);
  }

  /** Called after every change of what customers are offered. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Counts changes: what was computed from the switches is good until it moves. */
  get version(): number {
    return this.#version;
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }

  get inService(): boolean {
    return !this.#suspension && !this.#selfTest && !this.#screenFault && !this.#cardLock;
  }

  /** What customers read while out of service: staff's choice, a card left behind (staff are needed), else a fault. */
  get notice(): OutOfServiceNotice | undefined {
    if (this.#suspension) return this.#suspension.notice;
    if (this.#cardLock) return 'card-left-behind';
    return this.#selfTest || this.#screenFault ? 'system-fault' : undefined;
  }

  causes(): OutOfServiceCause[] {
    return [
      ...(this.#suspension ? [{ kind: 'staff' as const, ...this.#suspension }] : []),
      ...(this.#selfTest ? [{ kind: 'self-test' as const, ...this.#selfTest }] : []),
      ...(this.#screenFault ? [{ kind: 'screen-fault' as const, since: this.#screenFault }] : []),
      ...(this.#cardLock ? [{ kind: 'card-left-behind' as const, ...this.#cardLock }] : []),
    ];
  }

  /** A card was left in the desk reader: out of service, across restarts, until staff confirm (unlockCard). */
  lockForCard(record: string): void {
    if (this.#cardLock) return;
    this.#cardLock = { since: this.#now().toISOString(), record };
    this.#state.write('card-lock', this.#cardLock);
    this.#changed();
  }

  get cardLock(): CardLock | undefined {
    return this.#cardLock ?? undefined;
  }

  /** Staff have seen to the card left behind. */
  unlockCard(): void {
    if (!this.#cardLock) return;
    this.#cardLock = null;
    this.#state.remove('card-lock');
    this.#changed();
  }

  suspend(notice: CustomerNotice, by: string): void {
    this.#suspension = { notice, since: this.#now().toISOString(), staff: by };
    this.#state.write('suspension', this.#suspension);
    this.#changed();
  }

  /** Staff's suspension ends; a failed self-test or a screen fault still holds the kiosk out. */
  resume(): void {
    this.#suspension = null;
    this.#state.remove('suspension');
    this.#changed();
  }

  selfTestResult(failed: readonly SelfTestCheck[]): void {
    const was = this.#selfTest;
    this.#selfTest = failed.length > 0 ? { checks: failed, since: was?.since ?? this.#now().toISOString() } : undefined;
    if (Boolean(was) !== Boolean(this.#selfTest) || was?.checks.join() !== this.#selfTest?.checks.join()) this.#changed();
  }

  get selfTestFailed(): boolean {
    return this.#selfTest !== undefined;
  }

  /** The screen keeps crashing: out of service until the kiosk is restarted. */
  screenFault(): void {
    this.#screenFault ??= this.#now().toISOString();
    this.#changed();
  }

  /** Services switched off now or later, without those whose window has ended. */
  switches(): ServiceSwitch[] {
    const now = this.#now().getTime();
    return this.#switches.filter((entry) => entry.until === undefined || Date.parse(entry.until) > now);
  }

  switchOff(off: SwitchOff, by: { staff: string; approvedBy?: string }): void {
    const entry: ServiceSwitch = {
      ...off,
      by: by.staff,
      ...(by.approvedBy ? { approvedBy: by.approvedBy } : {}),
    };
    this.#switches = [...this.switches().filter((kept) => kept.serviceId !== off.serviceId), entry];
    this.#state.write('service-switches', this.#switches);
    this.#changed();
  }

  /** Back on: whatever switch the service had, now or planned, is gone. */
  switchOn(serviceId: string): boolean {
    const active = this.switches();
    if (!active.some((kept) => kept.serviceId === serviceId)) return false;
    this.#switches = active.filter((kept) => kept.serviceId !== serviceId);
    this.#state.write('service-switches', this.#switches);
    this.#changed();
    return true;
  }
}
