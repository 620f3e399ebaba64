// What staff set in the maintenance menu and the kiosk must remember across restarts (out of
// service, services switched off, schedule overrides), one JSON value per name in the kiosk
// database, checked against its schema when read: a value that no longer fits is reported and
// read as its default, never half-applied.
import type { z } from 'zod';
import type { KioskDatabase } from '../storage/kiosk-database.ts';

export class MaintenanceStateStore {
  readonly #db: KioskDatabase;
  readonly #onInvalid: (name: string) => void;

  constructor(db: KioskDatabase, onInvalid: (name: string) => void = () => undefined) {
    this.#db = db;
    this.#onInvalid = onInvalid;
  }

  read<S extends z.ZodType>(name: string, schema: S, fallback: z.infer<S>): z.infer<S> {
    const row = this.#db.prepare('SELECT value FROM maintenance_state WHERE name = ?').get(name) as { value: string } | undefined;
    if (!row) return fallback;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      raw = undefined;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.#onInvalid(name);
    return fallback;
  }

  write(name: string, value: unknown): void {
    this.#db
      .prepare('INSERT INTO maintenance_state (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value')
      .run(name, JSON.stringify(value));
  }

  remove(name: string): void {
    this.#db.prepare('DELETE FROM maintenance_state WHERE name = ?').run(name);
  }
}
