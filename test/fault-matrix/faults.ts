// The matrix's columns: the faults injected into a customer's state, each as it happens at a
// branch, on the pieces the kiosk really runs (see matrix-kiosk.ts), and how each ends.
import type { Fault as GatewayFault } from '../../electron/devkit/reference-gateway/fault-plan.ts';
import type { MatrixKiosk } from './matrix-kiosk.ts';
import type { RelayCard } from '../support/relay-card.ts';
import { until } from '../support/until.ts';

/** What a fault acts on. */
export interface Target {
  readonly kiosk: MatrixKiosk;
  /** The customer's card, in their hand or in the reader. */
  readonly card: RelayCard;
  /** Records that the customer's card left the reader, and why. */
  readonly cardOut: (how: 'pulled-out') => void;
}

export interface MatrixFault {
  readonly id: string;
  /** Why the fault cannot happen in this state, if it cannot. */
  readonly notApplicable?: (target: Target) => string | undefined;
  /** Injects it; synchronous, so that it strikes at the moment the state is entered. */
  readonly inject: (target: Target) => void;
  /**
   * Ends whatever of it is left once the customer has gone. A gateway fault lasts until then,
   * and until the kiosk has taken itself out of service for it (false: it did not within a few seconds).
   */
  readonly repair: (target: Target) => Promise<boolean>;
  /** Needs the kiosk started by the shell. */
  readonly shell?: true;
}

/** How long pcscd is away when it restarts, and how long the reader's cable stays out. */
export const PCSCD_DOWN_MS = 150;
export const READER_UNPLUGGED_MS = 300;

const cardInReader = (target: Target): boolean => target.kiosk.t.reader.card === target.card;
const noCardIn = (target: Target): string | undefined => (cardInReader(target) ? undefined : 'no card in the reader');
const nothing = (): Promise<boolean> => Promise.resolve(true);

function gateway(id: string, fault: GatewayFault): MatrixFault {
  return {
    id,
    // From now until the customer has gone: every request, whichever comes next.
    inject: ({ kiosk }) => kiosk.t.gateway.faults.inject('*', fault, Number.POSITIVE_INFINITY),
    repair: async ({ kiosk }) => {
      const { t } = kiosk;
      const noticed = await until(() => t.kiosk.view().screen === 'out-of-service', 'out of service', 3000).then(
        () => true,
        () => false,
      );
      t.gateway.faults.clear();
      return noticed;
    },
  };
}

export const FAULTS: readonly MatrixFault[] = [
  {
    id: 'card-removed',
    notApplicable: noCardIn,
    inject: (target) => {
      target.kiosk.t.reader.remove();
      target.cardOut('pulled-out');
    },
    repair: nothing,
  },
  {
    id: 'card-mute',
    // A card in the customer's hand goes mute too: it is the card they insert next.
    inject: ({ card }) => card.mute(),
    repair: nothing,
  },
  {
    id: 'pcscd-restart',
    inject: ({ kiosk }) => {
      const { port } = kiosk.t.cardService.current;
      port.loseService();
      setTimeout(() => port.restoreService(), PCSCD_DOWN_MS);
    },
    repair: nothing,
  },
  {
    id: 'reader-detached',
    inject: ({ kiosk }) => {
      const { reader } = kiosk.t;
      reader.unplug();
      setTimeout(() => reader.plugIn(), READER_UNPLUGGED_MS);
    },
    repair: nothing,
  },
  {
    id: 'service-crash',
    inject: ({ kiosk }) => kiosk.t.cardService.current.crash(),
    repair: nothing,
  },
  gateway('gw-timeout', { kind: 'hang' }),
  gateway('gw-5xx', { kind: 'status', status: 500 }),
  gateway('gw-429', { kind: 'rate-limit', retryAfterSeconds: 1 }),
  gateway('gw-malformed', { kind: 'malformed' }),
  gateway('gw-oversized', { kind: 'huge' }),
  gateway('gw-reset', { kind: 'reset' }),
  gateway('gw-stall', { kind: 'stall' }),
  {
    id: 'renderer-lost',
    shell: true,
    inject: ({ kiosk }) => kiosk.window?.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 }),
    repair: nothing,
  },
];
