// The global slow-down: wrong PINs across all staff numbers make every sign-in wait, so that
// nobody can guess through the staff list one number at a time (each number alone locks
// after 5). A few slips are free; beyond them the wait doubles with each failure, up to a
// minute, and failures older than the window no longer count. Successes do not reset it: one
// known account must not clear the way for guesses at the others.
export interface ThrottleLimits {
  /** Failures within the window that cost no wait. */
  readonly free: number;
  readonly windowMs: number;
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { free: 3, windowMs: 15 * 60_000, firstWaitMs: 2000, maxWaitMs: 60_000 };

export class SignInThrottle {
  readonly #limits: ThrottleLimits;
  readonly #failures: number[] = [];

  constructor(limits: ThrottleLimits = DEFAULT_THROTTLE) {
    this.#limits = limits;
  }

  #recent(now: number): number[] {
    while (this.#failures.length > 0 && (this.#failures[0] ?? now) <= now - this.#limits.windowMs) this.#failures.shift();
    return this.#failures;
  }

  /** How long any sign-in must wait from `now` (0: it may go ahead). */
  waitMs(now: number): number {
    const recent = this.#recent(now);
    const over = recent.length - this.#limits.free;
    if (over <= 0) return 0;
    const wait = Math.min(this.#limits.maxWaitMs, this.#limits.firstWaitMs * 2 ** (over - 1));
    const last = recent.at(-1) ?? now;
    return Math.max(0, last + wait - now);
  }

  failed(now: number): void {
    this.#recent(now).push(now);
  }
}
