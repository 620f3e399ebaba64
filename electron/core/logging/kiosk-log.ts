// The kiosk's operational log: one JSON line per event, in size-rotated files. Redacted by
// construction: an entry is a known event name with details only under the names listed in
// log-fields.ts, each either a count or an identifier-like token, so free text (a name, an
// amount written out, a PIN in a message) cannot be logged even by mistake.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FIELDS, MAX_COUNT, type LogField } from './log-fields.ts';

export type LogLevel = 'info' | 'warn' | 'error';

/** Details by field name: counts are numbers, the rest tokens or flags. */
export type LogDetail = Readonly<{
  [K in LogField]?: (typeof LOG_FIELDS)[K] extends 'count' ? number : string | boolean;
}>;

const SAFE_TOKEN = /^[A-Za-z0-9._:/-]{0,80}$/;
const SAFE_EVENT = /^[a-z][a-z0-9-]{1,60}$/;
/** Long digit runs are never identifiers the kiosk logs: they could be a PIN, an amount or a number on a card. */
const DIGIT_RUN = /\d{4,}/;

/** Whether a detail may be written as it is (callers from plain JS or a cast could pass anything). */
function isSafeDetail(key: string, value: unknown): boolean {
  const kind = Object.hasOwn(LOG_FIELDS, key) ? LOG_FIELDS[key as LogField] : undefined;
  if (kind === 'count') return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;
  if (kind === 'token')
    return typeof value === 'boolean' || (typeof value === 'string' && SAFE_TOKEN.test(value) && !DIGIT_RUN.test(value));
  return false;
}

export interface KioskLogOptions {
  readonly directory: string;
  /** Rotate when the current file reaches this size. */
  readonly maxBytes?: number;
  /** How many rotated files to keep (kiosk.log.1 … .N). */
  readonly keep?: number;
  readonly now?: () => Date;
  /** Also write each line here (e.g. the journal through stderr). */
  readonly echo?: (line: string) => void;
}

export class KioskLog {
  readonly #file: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  readonly #now: () => Date;
  readonly #echo: ((line: string) => void) | undefined;

  constructor(options: KioskLogOptions) {
    mkdirSync(options.directory, { recursive: true, mode: 0o700 });
    this.#file = join(options.directory, 'kiosk.log');
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#keep = options.keep ?? 5;
    this.#now = options.now ?? (() => new Date());
    this.#echo = options.echo;
  }

  info(event: string, detail?: LogDetail): void {
    this.#write('info', event, detail);
  }

  warn(event: string, detail?: LogDetail): void {
    this.#write('warn', event, detail);
  }

  error(event: string, detail?: LogDetail): void {
    this.#write('error', event, detail);
  }

  #write(level: LogLevel, event: string, detail: LogDetail = {}): void {
    const safe: Record<string, number | boolean | string> = {};
    let dropped = 0;
    // Checked as anything at all: the type is the first guard, this is the one that holds.
    for (const [key, value] of Object.entries(detail as Readonly<Record<string, unknown>>)) {
      if (value === undefined) continue;
      if (isSafeDetail(key, value)) safe[key] = value as number | boolean | string;
      else dropped += 1;
    }
    const line = JSON.stringify({
      at: this.#now().toISOString(),
      level,
      event: SAFE_EVENT.test(event) ? event : 'unnamed-event',
      ...safe,
      ...(dropped > 0 ? { redacted: dropped } : {}),
    });
    this.#rotateIfFull();
    appendFileSync(this.#file, `${line}\n`, { mode: 0o600 });
    this.#echo?.(line);
  }

  #rotateIfFull(): void {
    if (!existsSync(this.#file) || statSync(this.#file).size < this.#maxBytes) return;
    rmSync(`${this.#file}.${String(this.#keep)}`, { force: true });
    for (let i = this.#keep - 1; i >= 1; i -= 1) {
      if (existsSync(`${this.#file}.${String(i)}`)) renameSync(`${this.#file}.${String(i)}`, `${this.#file}.${String(i + 1)}`);
    }
    renameSync(this.#file, `${this.#file}.1`);
  }
}
