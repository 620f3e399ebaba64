// Keeps the audit trail to its retention period in the running kiosk: trimmed at start-up and
// then daily, like the courier's and the deleter's rounds. Each trim is recorded in the trail
// (audit-trimmed); a broken chain is not trimmed but recorded and reported, for staff.
import type { ChainVerdict } from './audit-chain.ts';
import type { AuditTrail } from './audit-trail.ts';

/** How long entries are kept when the configuration does not say (config `audit.retentionDays`). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;

export interface AuditRetentionOptions {
  readonly audit: AuditTrail;
  readonly retentionDays: number;
  /** Told when the chain is found broken (the kiosk logs it). */
  readonly onBroken: (verdict: ChainVerdict & { ok: false }) => void;
  /** Told (by name only) when the database fails. */
  readonly onFault: (what: string) => void;
}

export class AuditRetention {
  readonly #options: AuditRetentionOptions;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: AuditRetentionOptions) {
    this.#options = options;
  }

  /** One trim: the entries removed (0 when none was old enough or the chain is broken). */
  run(): number {
    const { audit, retentionDays, onBroken, onFault } = this.#options;
    try {
      const result = audit.trim(retentionDays);
      if (result.ok) return result.trimmed;
      onBroken(result.verdict);
      audit.record({ event: 'audit-chain-broken', seq: result.verdict.seq, problem: result.verdict.problem });
    } catch {
      onFault('audit-retention');
    }
    return 0;
  }

  start(intervalMs = 24 * 60 * 60 * 1000): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.run(), intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
