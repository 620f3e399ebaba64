// The one schedule the kiosk decides availability by (§2.5): the schedule the gateway publishes
// and enforces (the guideline's tables plus the stops announced since), fetched at start and
// then periodically, and kept in the database so that a restart while the gateway is away
// still has it. Only a kiosk that has never fetched one falls back to its built-in tables with
// the configured corrections. So the kiosk and the gateway cannot disagree once they have met.
//
// Overlays add rules on top of whichever schedule is in force (e.g. planned stops or closures
// staff enter at the branch). Every rule of a system must allow it to run, so an overlay can
// only make the kiosk stricter than the gateway, never promise what the gateway would refuse.
import type { GatewayResult } from '../gateway/gateway-client.ts';
import { PublishedScheduleSchema, type PublishedSchedule } from '../gateway/gateway-schemas.ts';
import type { KioskDatabase } from '../storage/kiosk-database.ts';
import { SYSTEM_IDS, type ScheduleRule, type SystemId, type SystemSchedules } from './schedule-rules.ts';

/** Extra rules, read each time the schedule is used: they may change while the kiosk runs. */
export type ScheduleOverlay = () => Partial<Record<SystemId, readonly ScheduleRule[]>>;

/** Where the schedule in force comes from. */
export type ScheduleOrigin = { readonly kind: 'published'; readonly publishedAt: string } | { readonly kind: 'built-in' };

export interface ScheduleSourceOptions {
  readonly db: KioskDatabase;
  /** The guideline's tables with the configuration's corrections: only until a schedule was ever fetched. */
  readonly builtIn: SystemSchedules;
  /** The gateway's published schedule (GatewayClient.schedule). */
  readonly fetch: () => Promise<GatewayResult<PublishedSchedule>>;
  readonly overlays?: readonly ScheduleOverlay[];
}

const SETTING = 'published-schedule';

export class ScheduleSource {
  readonly #db: KioskDatabase;
  readonly #builtIn: SystemSchedules;
  readonly #fetch: ScheduleSourceOptions['fetch'];
  readonly #overlays: readonly ScheduleOverlay[];
  readonly #listeners = new Set<() => void>();
  #published: PublishedSchedule | undefined;
  #refreshing: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ScheduleSourceOptions) {
    this.#db = options.db;
    this.#builtIn = options.builtIn;
    this.#fetch = options.fetch;
    this.#overlays = options.overlays ?? [];
    this.#published = this.#stored();
  }

  /** The schedule in force now, overlays included. */
  current(): SystemSchedules {
    const base = this.#published?.systems ?? this.#builtIn;
    const extra = this.#overlays.map((overlay) => overlay());
    if (extra.length === 0) return base;
    const merged: Record<SystemId, readonly ScheduleRule[]> = { ...base };
    for (const system of SYSTEM_IDS) merged[system] = [...base[system], ...extra.flatMap((rules) => rules[system] ?? [])];
    return merged;
  }

  get origin(): ScheduleOrigin {
    return this.#published ? { kind: 'published', publishedAt: this.#published.publishedAt } : { kind: 'built-in' };
  }

  /** Called whenever a fetched schedule changes what is in force. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Fetches the gateway's schedule and keeps it; false when it could not be fetched (the last one stays in force). One fetch at a time. */
  refresh(): Promise<boolean> {
    if (this.#refreshing) return this.#refreshing;
    const fetching = this.#refresh().finally(() => {
      if (this.#refreshing === fetching) this.#refreshing = undefined;
    });
    this.#refreshing = fetching;
    return fetching;
  }

  start(intervalMs = 10 * 60_000): void {
    this.stop();
    this.#timer = setInterval(() => void this.refresh(), intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #refresh(): Promise<boolean> {
    const fetched = await this.#fetch();
    if (!fetched.ok) return false;
    const changed = JSON.stringify(fetched.value.systems) !== JSON.stringify(this.#published?.systems);
    this.#published = fetched.value;
    try {
      this.#db
        .prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value')
        .run(SETTING, JSON.stringify(fetched.value));
    } catch {
      // In force all the same; kept for after a restart at the next fetch.
    }
    if (changed) for (const listener of this.#listeners) listener();
    return true;
  }

  /** The schedule fetched last, from the database; one that no longer parses is as none. */
  #stored(): PublishedSchedule | undefined {
    const row = this.#db.prepare('SELECT value FROM settings WHERE name = ?').get(SETTING) as { value: Buffer | string } | undefined;
    if (!row) return undefined;
    try {
      const parsed = PublishedScheduleSchema.safeParse(JSON.parse(row.value.toString()));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
