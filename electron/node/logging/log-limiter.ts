// Keeps a flood of one kind of log line (a renderer sending refused events thousands of times
// a second) from filling the disk and rotating the operational log away. Per key, the first
// `burst` lines of a window are written and the rest only counted; the count is written once,
// as a summary, when the window ends (or sooner, if the next line of that key comes first).
// Used by the kiosk log and by the browser host.

export interface LogLimits {
  /** Lines of one key written per window. */
  readonly burst: number;
  readonly windowMs: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { burst: 10, windowMs: 60_000 };

/** How many keys are tracked at once: past this, lines of new keys share one window. */
const MAX_KEYS = 256;
/** The key of that shared window; its summary has no sample (lines of many kinds). */
const OTHER = '\u0000other';

export interface LogLimiterOptions<S> {
  readonly limits?: LogLimits;
  /** Writes the summary: `count` lines like `sample` were left out (`undefined`: lines of several kinds). */
  readonly summarise: (sample: S | undefined, count: number) => void;
  /** Monotonic milliseconds: a wall clock set back must not reopen or stretch a window. */
  readonly now?: () => number;
  /** Summaries are written early when a count reaches this (it must fit the log's count fields). */
  readonly maxCount?: number;
}

interface Window<S> {
  readonly start: number;
  written: number;
  suppressed: number;
  readonly sample: S | undefined;
}

export class LogLimiter<S> {
  readonly #limits: LogLimits;
  readonly #summarise: (sample: S | undefined, count: number) => void;
  readonly #now: () => number;
  readonly #maxCount: number;
  readonly #windows = new Map<string, Window<S>>();
  #timer: NodeJS.Timeout | undefined;
  #due = Infinity;

  constructor(options: LogLimiterOptions<S>) {
    this.#limits = options.limits ?? DEFAULT_LOG_LIMITS;
    this.#summarise = options.summarise;
    this.#now = options.now ?? (() => performance.now());
    this.#maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  }

  /** Whether a line of this key may be written now; a summary due before it is written first. */
  admit(key: string, sample: S): boolean {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window && now - window.start >= this.#limits.windowMs) {
      this.#close(key, window);
      window = undefined;
    }
    if (!window) {
      if (this.#windows.size >= MAX_KEYS) this.#sweep(now);
      const shared = this.#windows.size >= MAX_KEYS;
      const id = shared ? OTHER : key;
      window = this.#windows.get(id) ?? { start: now, written: 0, suppressed: 0, sample: shared ? undefined : sample };
      this.#windows.set(id, window);
    }
    if (window.written < this.#limits.burst) {
      window.written += 1;
      return true;
    }
    window.suppressed += 1;
    if (window.suppressed >= this.#maxCount) {
      this.#summarise(window.sample, window.suppressed);
      window.suppressed = 0;
    }
    this.#schedule(window.start + this.#limits.windowMs - now);
    return false;
  }

  /** Writes every pending summary now (at shutdown, so no count is lost). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = Infinity;
    for (const [key, window] of this.#windows) this.#close(key, window);
  }

  #close(key: string, window: Window<S>): void {
    this.#windows.delete(key);
    if (window.suppressed > 0) this.#summarise(window.sample, window.suppressed);
  }

  /** Ends every window whose time is up. */
  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#limits.windowMs) this.#close(key, window);
    }
  }

  /** One timer, for the earliest pending summary; it does not keep the process alive. */
  #schedule(inMs: number): void {
    const due = this.#now() + inMs;
    if (this.#timer && this.#due <= due) return;
    clearTimeout(this.#timer);
    this.#due = due;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#due = Infinity;
        const now = this.#now();
        this.#sweep(now);
        const pending = [...this.#windows.values()].filter((window) => window.suppressed > 0);
        if (pending.length > 0) this.#schedule(Math.min(...pending.map((window) => window.start + this.#limits.windowMs - now)));
      },
      Math.max(1, inMs),
    );
    this.#timer.unref();
  }
}
