// Puts every card the kiosk keeps, or that is left behind, into the register (取込カード管理簿)
// as the customer's session reaches that point, and locks a desk reader until staff confirm
// what became of a card left in it. The register takes the session reference the audit trail
// recorded for it, so the two agree; the card only as the trail's keyed hash; the position in
// the retain unit from the reader's own report.
import type { CardMechanics } from '../../../native/reader/card-mechanics.ts';
import type { KeptReason } from '../../common/maintenance/maintenance-view.ts';
import type { KioskLog } from '../logging/kiosk-log.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { CardRegister } from './card-register.ts';
import type { ServiceControl } from './service-control.ts';

/** What the watcher reads of a customer session's snapshot. */
export interface SessionFacts {
  hasTag(tag: string): boolean;
  readonly context: { readonly cardRetained: boolean; readonly cardFingerprint: string | undefined };
}

export interface CardKeepingOptions {
  readonly register: CardRegister;
  readonly control: ServiceControl;
  readonly audit: AuditTrail;
  readonly mechanics: CardMechanics;
  readonly log: KioskLog;
}

export class CardKeeping {
  readonly #options: CardKeepingOptions;
  /** The retain unit's count reported with the last card it took, until that card is recorded (the reader reports it first). */
  #bin: number | undefined;
  /** What happened earlier in this customer's session that explains why the card stayed. */
  #cause: KeptReason | undefined;
  #wasRetained = false;
  #wasLeftBehind = false;
  readonly #onMechanics: (event: { type: string; binCount?: number }) => void;

  constructor(options: CardKeepingOptions) {
    this.#options = options;
    this.#onMechanics = (event) => {
      if (event.type === 'card-retained') this.#bin = event.binCount;
    };
    options.mechanics.on('event', this.#onMechanics);
  }

  stop(): void {
    this.#options.mechanics.off('event', this.#onMechanics);
  }

  /** A new session has started (or replaced a failed one): nothing of the last one carries over. */
  sessionStarted(): void {
    this.#cause = undefined;
    this.#wasRetained = false;
    this.#wasLeftBehind = false;
  }

  /** Every snapshot of the customer's session. */
  observe(snapshot: SessionFacts): void {
    if (snapshot.hasTag('screen:attract')) this.sessionStarted();
    if (snapshot.hasTag('screen:card-swapped')) this.#cause = 'swapped';
    if (snapshot.hasTag('screen:reader-lost')) this.#cause = 'outage';
    const retained = snapshot.context.cardRetained;
    const leftBehind = snapshot.hasTag('screen:card-left-behind');
    if (retained && !this.#wasRetained) this.#keep('card-retained', snapshot);
    if (leftBehind && !this.#wasLeftBehind) {
      const record = this.#keep('card-left-behind', snapshot);
      // Nobody may take it and start the next session: staff must see to it first.
      if (record) this.#options.control.lockForCard(record);
    }
    this.#wasRetained = retained;
    this.#wasLeftBehind = leftBehind;
  }

  #keep(event: 'card-retained' | 'card-left-behind', snapshot: SessionFacts): string | undefined {
    const { register, audit, log } = this.#options;
    try {
      const recorded = audit.recent(20).findLast((entry) => entry.event === event);
      const { cardFingerprint } = snapshot.context;
      const bin = event === 'card-retained' ? this.#bin : undefined;
      if (event === 'card-retained') this.#bin = undefined;
      const kept = register.keep(
        {
          session: recorded?.session ?? undefined,
          cardHash: cardFingerprint ? audit.cardHash(cardFingerprint) : undefined,
          reason: this.#cause ?? (event === 'card-retained' ? 'not-taken' : 'left-behind'),
        },
        bin,
      );
      log.info('card-kept', { reason: kept.reason, ...(kept.binPosition === undefined ? {} : { count: kept.binPosition }) });
      return kept.id;
    } catch {
      log.error('action-failed', { action: 'card-kept' });
      return undefined;
    }
  }
}
