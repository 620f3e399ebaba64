// What to do when the renderer goes away or hangs (the shell ends the session either way):
// reload it, unless it keeps crashing, in which case the window shows a static out-of-service
// page until the service is restarted. Pure, so that every decision is tested; the shell applies it.

export interface CrashPolicyOptions {
  /** This many crashes within windowMs is a crash loop. */
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export type CrashDecision = 'reload' | 'out-of-service';

export class CrashPolicy {
  readonly #options: CrashPolicyOptions;
  readonly #crashes: number[] = [];

  constructor(options: CrashPolicyOptions = { maxCrashes: 3, windowMs: 10 * 60_000 }) {
    this.#options = options;
  }

  /** Records a crash at `now` and decides. */
  onCrash(now: number): CrashDecision {
    this.#crashes.push(now);
    while (this.#crashes.length > 0 && now - (this.#crashes[0] ?? now) > this.#options.windowMs) this.#crashes.shift();
    return this.#crashes.length >= this.#options.maxCrashes ? 'out-of-service' : 'reload';
  }
}
