// One cell of the fault matrix: a customer walks to the row's screen, the fault strikes as the
// screen appears, and the customer goes on as a customer does (following the screen, taking
// the card when asked), until they have gone. Then the fault is repaired and the kiosk must
// serve the next customer. What happened is returned for the cell's checks and the table.
import type { ViewModel } from '../../electron/common/view-model.ts';
import type { ScreenTag } from '../../electron/node/session/session-types.ts';
import type { CardProfileName } from '../../native/devkit/emulator/card-profiles.ts';
import { itemKey } from '../../electron/common/item-key.ts';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import type { VirtualCard } from '../../native/devkit/emulator/virtual-card.ts';
import { JpkiSession } from '../../native/jpki/jpki-session.ts';
import { RelayCard } from '../support/relay-card.ts';
import { until } from '../support/until.ts';
import { shows, tagsOfState } from './customer-screens.ts';
import { PCSCD_DOWN_MS, type MatrixFault, type Target } from './faults.ts';
import type { MatrixKiosk } from './matrix-kiosk.ts';

/** Where the customer's card went. */
export type CardFate =
  /** Never inserted: the customer still has it. */
  | 'never-in'
  /** Taken by the customer on a screen that asked for it. */
  | 'returned'
  /** Pulled out by the customer (the fault, or the row's own route). */
  | 'pulled-out'
  /** Left in the reader and taken out by staff. */
  | 'left-behind'
  /** In the reader (at the end: still there when the customer gave up). */
  | 'in-reader';

/**
 * Where the customer's card was when the fault struck, from the reader and the state's tags:
 * held (a state tagged holds-card), or given back (returned, or left behind, for the taking).
 */
export type CardPlace = 'not-in-reader' | 'held' | 'given-back';

export interface CellRun {
  readonly row: ScreenTag;
  readonly fault: string;
  /** Why the fault could not strike here. */
  readonly notApplicable?: string;
  readonly place: CardPlace;
  /** The screens from the one the fault struck on until the customer had gone. */
  readonly trail: readonly string[];
  /** The view of each screen of the trail, as it was first shown. */
  readonly views: readonly ViewModel[];
  readonly card: CardFate;
  /** The audit trail from the row's screen on (`event:reason`). */
  readonly audit: readonly string[];
  /** The customer had gone in time, with their card. */
  readonly customerDone: boolean;
  /** Gateway faults: the kiosk took itself out of service while the gateway failed. */
  readonly noticed: boolean;
  readonly consentGiven: boolean;
  /** Submissions the bank received, and the outbox, once the kiosk had recovered. */
  readonly delivered: number;
  readonly outbox: number;
  /** Retrievals the gateway still held once the kiosk had recovered. */
  readonly heldRetrievals: number;
  /** Back on the attract loop, in service, with the reader empty. */
  readonly readyAgain: boolean;
  /** The next customer's card read and the PIN screen shown. */
  readonly nextCustomerServed: boolean;
  /** The shell reloaded the app after the renderer went away (renderer-lost only). */
  readonly appReloaded?: boolean;
}

/** How a row's screen is reached, besides the happy path. */
interface Route {
  /** The card the customer brings. */
  readonly profile?: CardProfileName;
  /** What the customer does instead, on these screens, before the fault. */
  readonly on?: Partial<Record<ViewModel['screen'], (cell: Cell) => void>>;
}

interface Cell extends Target {
  /** Another card, for a relay to put behind the contacts. */
  readonly spare: RelayCard;
  retried: boolean;
  pinEntries: number;
  fate: CardFate;
}

const HOUSING = 'housing-loan-income';
const OUTSIDE_HOURS = { code: 'outside-operating-hours', nextAvailableAt: '2026-11-25T08:00:00.000Z' };

function typePin(cell: Cell): void {
  cell.pinEntries += 1;
  for (const digit of '1234') cell.kiosk.t.kiosk.send({ type: 'DIGIT', digit: Number(digit) });
  cell.kiosk.t.kiosk.send({ type: 'SUBMIT_PIN' });
}

/** 確認 as the review screen sends it, its last item having been on screen. */
function confirm(cell: Cell): void {
  const view = cell.kiosk.t.kiosk.view();
  if (view.screen !== 'review') return;
  const last = view.items.at(-1);
  if (last) cell.kiosk.t.kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: itemKey(last) });
  cell.kiosk.t.kiosk.send({ type: 'CONFIRM', itemKeys: view.items.map(itemKey) });
}

const cancel = (cell: Cell): void => void cell.kiosk.t.kiosk.send({ type: 'CANCEL' });
const wait = (): void => undefined;
/** The gateway answers the next start of a retrieval so, then as before. */
const nextStart = (cell: Cell, answer: Parameters<Cell['kiosk']['t']['gateway']['faults']['inject']>[1]): void =>
  cell.kiosk.t.gateway.faults.inject('startRetrieval', answer, 1);

/** How each row's screen is reached: the happy path, unless said otherwise here. */
export const ROUTES: Readonly<Partial<Record<ScreenTag, Route>>> = {
  'screen:returning-card': { on: { pin: cancel } },
  'screen:card-left-behind': { on: { pin: cancel, 'returning-card': wait } },
  'screen:card-retained': { on: { pin: cancel, 'returning-card': wait } },
  'screen:ended': { on: { confirmation: cancel } },
  'screen:card-removed': {
    on: {
      pin: (cell) => {
        cell.kiosk.t.reader.remove();
        cell.fate = 'pulled-out';
      },
    },
  },
  'screen:reader-lost': {
    on: {
      pin: (cell) => {
        // pcscd restarts under the held card.
        const { port } = cell.kiosk.t.cardService.current;
        port.loseService();
        setTimeout(() => port.restoreService(), PCSCD_DOWN_MS);
      },
    },
  },
  'screen:idle-warning': { on: { review: wait } },
  'screen:card-swapped': {
    on: {
      review: (cell) => {
        cell.card.relay(cell.spare);
        confirm(cell);
      },
    },
  },
  'screen:unavailable': {
    on: {
      pin: (cell) => {
        nextStart(cell, { kind: 'answer', status: 503, body: OUTSIDE_HOURS });
        typePin(cell);
      },
    },
  },
  'screen:retrieval-error': {
    on: {
      pin: (cell) => {
        nextStart(cell, { kind: 'status', status: 500 });
        typePin(cell);
      },
    },
  },
  'screen:card-error': { profile: 'expired' },
  'screen:wrong-card': { profile: 'not-jpki' },
  'screen:pin-blocked': { profile: 'pin-blocked' },
};

const inReader = (cell: Cell): boolean => cell.kiosk.t.reader.card === cell.card;

/** The customer takes their card out of the reader. */
function takeCard(cell: Cell, fate: CardFate): void {
  if (!inReader(cell)) return;
  cell.kiosk.t.reader.remove();
  cell.fate = fate;
}

/** What a customer does on each screen: follows it, and takes the card when told to. */
function customer(cell: Cell, view: ViewModel): void {
  const { kiosk } = cell.kiosk.t;
  switch (view.screen) {
    case 'top':
      kiosk.send({ type: 'START' });
      return;
    case 'service-choice':
      kiosk.send({ type: 'SELECT_SERVICE', serviceId: HOUSING });
      return;
    case 'confirmation':
      kiosk.send({ type: 'AGREE' });
      return;
    case 'insert-card':
      // Given a wrong card back (or having pulled it out) and asked for another, this customer has none with them.
      if (cell.fate === 'returned' || cell.fate === 'pulled-out') kiosk.send({ type: 'CANCEL' });
      if (cell.fate === 'never-in') {
        cell.kiosk.t.reader.insert(cell.card);
        cell.fate = 'in-reader';
      }
      return;
    case 'pin':
      // Asked again after a failure the customer could not help: once more, not for ever.
      if (cell.pinEntries < 2) typePin(cell);
      else kiosk.send({ type: 'CANCEL' });
      return;
    case 'review':
      confirm(cell);
      return;
    case 'idle-warning':
      kiosk.send({ type: 'CONTINUE' });
      return;
    case 'retrieval-error':
      if (view.retryable && !cell.retried) {
        cell.retried = true;
        kiosk.send({ type: 'RETRY' });
      } else kiosk.send({ type: 'DISMISS' });
      return;
    case 'card-error':
    case 'pin-blocked':
    case 'card-swapped':
    case 'wrong-card':
      // These give the card back while they say why: taken, they end.
      if (inReader(cell)) takeCard(cell, 'returned');
      else kiosk.send({ type: 'DISMISS' });
      return;
    case 'finishing':
      if (view.takeCard) takeCard(cell, 'returned');
      return;
    case 'returning-card':
      takeCard(cell, 'returned');
      return;
    case 'card-left-behind':
      takeCard(cell, 'left-behind'); // by staff
      return;
    case 'unavailable':
    case 'card-removed':
    case 'ended':
    case 'complete':
    case 'card-retained':
      kiosk.send({ type: 'DISMISS' });
      return;
    case 'attract':
    case 'out-of-service':
    case 'working':
      return;
  }
}

const screenOf = (view: ViewModel): string => (view.screen === 'working' ? `working:${view.task}` : view.screen);

/** The customer has gone: their card is out of the reader, and the kiosk is between customers. */
function customerGone(cell: Cell): boolean {
  const { screen } = cell.kiosk.t.kiosk.view();
  return (screen === 'attract' || screen === 'out-of-service') && !inReader(cell);
}

export interface CellOptions {
  readonly row: ScreenTag;
  readonly fault: MatrixFault;
  readonly kiosk: MatrixKiosk;
  /** How long a customer stays at the kiosk after the fault before giving up. */
  readonly patienceMs?: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * Another card as whoever slips it in prepares it: powered, JPKI AP selected and its own PIN
 * verified. A bare one could not sign at 確認's check: not proven another card, it ends the
 * session as a card that left.
 */
async function preparedSpare(): Promise<VirtualCard> {
  const chip = await createEmulatedCard('one-try-left');
  chip.powerOn();
  const jpki = new JpkiSession({ atr: chip.atr, transmit: async (command) => ({ ok: true, value: await chip.transmit(command) }) });
  const verified = await jpki.verifyPin(new TextEncoder().encode('1234'));
  if (!verified.ok) throw new Error('the spare card refused its own PIN');
  return chip;
}

export async function runCell({ row, fault, kiosk, patienceMs = 8000 }: CellOptions): Promise<CellRun> {
  const route = ROUTES[row] ?? {};
  const cell: Cell = {
    kiosk,
    card: new RelayCard(await createEmulatedCard(route.profile ?? 'default')),
    spare: new RelayCard(await preparedSpare()),
    cardOut: (how) => (cell.fate = how),
    retried: false,
    pinEntries: 0,
    fate: 'never-in',
  };
  const { t } = kiosk;
  const lastSeq = (): number => t.kiosk.audit.recent().at(-1)?.seq ?? 0;
  const sessionFrom = lastSeq();
  const trail: string[] = [];
  const views: ViewModel[] = [];
  // Set by the subscription below (so not narrowed by the compiler here).
  let struck = undefined as { place: CardPlace; auditFrom: number; notApplicable: string | undefined } | undefined;
  let gone = false;
  let seqBefore = sessionFrom;
  // The screens the customer sees, one entry per visit; the fault strikes as the row's screen appears.
  const visits: string[] = [];
  const unsubscribe = t.kiosk.subscribe((view) => {
    if (visits.at(-1) !== screenOf(view)) visits.push(screenOf(view));
    if (!struck && shows(view, row)) {
      const place: CardPlace = !inReader(cell)
        ? 'not-in-reader'
        : tagsOfState(t.kiosk.state).includes('holds-card')
          ? 'held'
          : 'given-back';
      // From the records of the move onto this screen on.
      struck = { place, auditFrom: seqBefore, notApplicable: fault.notApplicable?.(cell) };
      if (!struck.notApplicable) fault.inject(cell);
    }
    seqBefore = lastSeq();
    if (struck && !gone && trail.at(-1) !== screenOf(view)) {
      trail.push(screenOf(view));
      views.push(view);
    }
  });
  try {
    await t.screen('attract');
    const reached = Date.now() + 10_000;
    t.kiosk.send({ type: 'TOUCH' });
    let acted = -1;
    let giveUpAt = Number.POSITIVE_INFINITY;
    while (!struck || (!struck.notApplicable && !customerGone(cell))) {
      if (!struck && Date.now() > reached) throw new Error(`never reached ${row} (on ${visits.join(' > ')})`);
      if (struck && giveUpAt === Number.POSITIVE_INFINITY) giveUpAt = Date.now() + patienceMs;
      if (Date.now() > giveUpAt) break;
      if (visits.length - 1 !== acted) {
        acted = visits.length - 1;
        const view = t.kiosk.view();
        const override = struck ? undefined : route.on?.[view.screen];
        if (override) override(cell);
        else customer(cell, view);
      }
      await tick();
    }
    gone = true;
    if (!struck) throw new Error(`never reached ${row}`);
    const { place, auditFrom, notApplicable } = struck;
    const base = { row, fault: fault.id, place, trail, views };
    if (notApplicable) return { ...base, notApplicable, ...NOTHING_HAPPENED };
    const customerDone = customerGone(cell);
    const noticed = await fault.repair(cell);
    return await afterwards(cell, { ...base, customerDone, noticed }, { auditFrom, sessionFrom });
  } finally {
    unsubscribe();
  }
}

const NOTHING_HAPPENED = {
  card: 'never-in',
  audit: [],
  customerDone: true,
  noticed: true,
  consentGiven: false,
  delivered: 0,
  outbox: 0,
  heldRetrievals: 0,
  readyAgain: true,
  nextCustomerServed: true,
} as const;

/** Once the customer has gone and the fault is over: delivery, what is left, and the next customer. */
async function afterwards(
  cell: Cell,
  run: Pick<CellRun, 'row' | 'fault' | 'place' | 'trail' | 'views' | 'customerDone' | 'noticed'>,
  { auditFrom, sessionFrom }: { auditFrom: number; sessionFrom: number },
): Promise<CellRun> {
  const { t, clock, window } = cell.kiosk;
  const { kiosk, gateway } = t;
  const records = (from: number): string[] =>
    kiosk.audit
      .recent()
      .filter((record) => record.seq > from)
      .map((record) => {
        const detail = record.detail?.reason ?? record.detail?.fault ?? record.detail?.cause;
        return detail === undefined ? record.event : `${record.event}:${String(detail)}`;
      });
  // A card left behind keeps the kiosk out of service until staff confirm what became of it
  // (kiosk-kept-cards.test.ts, through the menu): here they do, once it is taken.
  if (run.row === 'screen:card-left-behind') {
    await until(() => kiosk.maintenance.control.cardLock !== undefined, 'the kiosk locked for staff', 3000).catch(() => undefined);
    kiosk.maintenance.control.unlockCard();
  }
  const readyAgain = await until(
    () => kiosk.view().screen === 'attract' && t.reader.card === undefined && t.cardService.current.port.snapshot().readers.length === 1,
    'ready again',
    5000,
  ).then(
    () => true,
    () => false,
  );
  // What the kiosk still has to send (a consented submission, a deletion) goes out once its
  // backoff has passed: time runs faster (never as far as the gateway's own holding time).
  const sent = (): boolean => kiosk.outbox.size === 0 && gateway.heldRetrievals === 0;
  for (let step = 0; step < 20 && !sent(); step += 1) {
    clock.advance(20_000);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // A re-send that must not happen has time to.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const result: CellRun = {
    ...run,
    card: cell.fate,
    audit: records(auditFrom),
    consentGiven: records(sessionFrom).includes('consent-given'),
    delivered: gateway.submissions.length,
    outbox: kiosk.outbox.size,
    heldRetrievals: gateway.heldRetrievals,
    readyAgain,
    nextCustomerServed: readyAgain && (await nextCustomer(cell)),
    ...(window ? { appReloaded: window.loaded.length >= 2 && window.loaded.at(-1) === window.loaded[0] } : {}),
  };
  return result;
}

/** The next customer inserts a good card and is asked for the PIN; they then cancel and take it. */
async function nextCustomer(cell: Cell): Promise<boolean> {
  const { t } = cell.kiosk;
  try {
    await t.toInsertCard();
    await t.insert('default');
    await t.screen('pin', 3000);
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card', 3000);
    t.take();
    await t.screen('attract', 3000);
    return true;
  } catch {
    return false;
  }
}
