// The kiosk's operational log: one JSON line per event, in size-rotated files. Redacted by
// construction: an entry is a known event name with details only under the names listed in
// log-fields.ts, each either a count or an identifier-like token, so free text (a name, an
// amount written out, a PIN in a message) cannot be logged even by mistake. Repeats of one
// line are rate-limited (log-limiter.ts), so a flood cannot rotate the log away.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FIELDS, MAX_COUNT, type LogField } from './log-fields.ts';
import { LogLimiter, type LogLimits } from './log-limiter.ts';

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
  /** Lines of one kind (level, event and token details) written per window; the rest are counted. */
  readonly limits?: LogLimits;
}

type Safe = Readonly<Record<string, number | boolean | string>>;

/** One line as the limiter keeps it, to write its summary. */
interface Sample {
  readonly level: LogLevel;
  readonly event: string;
  readonly tokens: Safe;
}

export class KioskLog {
  readonly #file: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  readonly #now: () => Date;
  readonly #echo: ((line: string) => void) | undefined;
  readonly #limiter: LogLimiter<Sample>;

  constructor(options: KioskLogOptions) {
    mkdirSync(options.directory, { recursive: true, mode: 0o700 });
    this.#file = join(options.directory, 'kiosk.log');
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#keep = options.keep ?? 5;
    this.#now = options.now ?? (() => new Date());
    this.#echo = options.echo;
    this.#limiter = new LogLimiter<Sample>({
      ...(options.limits ? { limits: options.limits } : {}),
      maxCount: MAX_COUNT,
      summarise: (sample, suppressed) =>
        sample
          ? this.#append(sample.level, sample.event, { ...sample.tokens, suppressed })
          : this.#append('warn', 'log-suppressed', { suppressed }),
    });
  }

  /** The log's files, oldest first (the rotated ones, then the current one). */
  files(): string[] {
    const rotated = Array.from({ length: this.#keep }, (_, i) => `${this.#file}.${String(this.#keep - i)}`);
    return [...rotated, this.#file].filter((file) => existsSync(file));
  }

  /** Writes the counts of lines held back so far (at shutdown). */
  flush(): void {
    this.#limiter.flush();
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
    const tokens: Record<string, boolean | string> = {};
    let dropped = 0;
    // Checked as anything at all: the type is the first guard, this is the one that holds.
    for (const [key, value] of Object.entries(detail as Readonly<Record<string, unknown>>)) {
      if (value === undefined) continue;
      if (!isSafeDetail(key, value)) dropped += 1;
      else if (typeof value === 'number') safe[key] = value;
      else safe[key] = tokens[key] = value as boolean | string;
    }
    const name = SAFE_EVENT.test(event) ? event : 'unnamed-event';
    // One kind of line: its level, event and tokens (a reason, a detail), not its counts.
    const key = JSON.stringify([level, name, Object.entries(tokens).sort(([a], [b]) => a.localeCompare(b))]);
    if (!this.#limiter.admit(key, { level, event: name, tokens })) return;
    this.#append(level, name, { ...safe, ...(dropped > 0 ? { redacted: dropped } : {}) });
  }

  #append(level: LogLevel, event: string, fields: Safe): void {
    const line = JSON.stringify({ at: this.#now().toISOString(), level, event, ...fields });
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
