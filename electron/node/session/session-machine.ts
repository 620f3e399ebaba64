// One customer's session at the kiosk, from the attract loop back to it: the seven screens of
// guideline 図3.3 plus the states a branch needs (card errors, PIN paths, retrieval errors,
// idle warning, card return, out of service). Pure definition: every device and service is
// an actor or action injected with `provide`; every delay is named here. Every state the
// customer sees is tagged with its screen (SessionTag): the view and the kiosk go by tags,
// never by state names.
//
// Data rules (API terms 第3条2項): the PIN lives only in the wipeable PinEntry and is handed
// to the card once; the retrieved items exist only from retrieval until submission; every
// path back to the attract loop wipes both and gives the card back.
import { assign, enqueueActions, fromCallback, fromPromise, not, raise, setup } from 'xstate';
import type { InformationItem } from '../../common/income-items.ts';
import { itemKey } from '../../common/item-key.ts';
import type { SlipView } from '../../common/view-model.ts';
import { PIN_LENGTH } from '../../common/pin.ts';
import type { Agreement } from '../gateway/gateway-schemas.ts';
import type { AuditEntry } from '../storage/audit-events.ts';
import { PinEntry } from './pin-entry.ts';
import type {
  AuthenticationOutcome,
  AvailabilityCheck,
  CardCheck,
  CardInspection,
  CardProblem,
  ConsentEvidence,
  OutOfServiceReason,
  ReceiptPrintOutcome,
  RetrievalOutcome,
  ScreenTag,
  SessionContext,
  SessionEvent,
  SessionTag,
  SubmissionOutcome,
} from './session-types.ts';

const notProvided = (name: string) => () => Promise.reject(new Error(`${name} is not provided`));

export interface SessionInput {
  readonly serviceIds: readonly string[];
  /** The terminal has a receipt printer: a delivered submission's slip is printed. */
  readonly printer?: boolean;
  /** How many wrong cards (not a My Number card, a smartphone, one that does not answer) a session takes before it ends; 3 by default. */
  readonly wrongCardTries?: number;
}

/** Cards the customer can swap for their My Number card: the session asks again instead of ending. */
const WRONG_CARD_PROBLEMS: readonly CardProblem[] = ['not-my-number-card', 'smartphone', 'mute'];
export const DEFAULT_WRONG_CARD_TRIES = 3;

export interface AuthenticationInput {
  readonly serviceId: string;
  readonly pin: PinEntry;
  readonly handle: string;
  /** The customer's agreement (図3.3-3), sent with the retrieval request as its evidence. */
  readonly agreement: Agreement | undefined;
}

export interface SubmissionInput {
  readonly serviceId: string;
  readonly retrievalId: string;
  /** The items consented to, each as shown. */
  readonly items: readonly InformationItem[];
  /** When the customer pressed 確認, and the version of the statement on screen. */
  readonly consent: ConsentEvidence | undefined;
  /** Until when the gateway holds the retrieval: an undelivered submission is final then. */
  readonly heldUntil: string | undefined;
}

type Context = SessionContext & {
  readonly serviceIds: readonly string[];
  readonly pinLength: number;
  readonly cardPresent: boolean;
  /** Personal data arrived in this session: its end says that it was deleted. */
  readonly dataRetrieved: boolean;
  /** The reader captured this session's card: staff must give it back. */
  readonly cardRetained: boolean;
  /** The card was taken while a notice gave it back: nothing is left to return. */
  readonly cardReturned: boolean;
  readonly printer: boolean;
  readonly wrongCardTries: number;
  /** Wrong cards inserted in this session (see WRONG_CARD_PROBLEMS). */
  readonly wrongCards: number;
  /** The receipt slip of this session (the completion screen says what became of it). */
  readonly slip: SlipView;
  /**
   * The customer has been told the session ends (a notice said why), or stopped before anything
   * began (取消 on the top screen): no 「中止しました」 screen follows, unless there is more to say.
   */
  readonly endTold: boolean;
};

/** What an actor's outcome tells the session (the `note` action keeps it). */
type Facts = Partial<Omit<Context, 'pin'>>;

function freshSession(
  context: Pick<
    Context,
    | 'serviceIds'
    | 'readerAvailable'
    | 'gatewayUp'
    | 'operatorEnabled'
    | 'cardPresent'
    | 'pin'
    | 'headsetPlugged'
    | 'printer'
    | 'wrongCardTries'
  >,
): Context {
  return {
    serviceIds: context.serviceIds,
    printer: context.printer,
    wrongCardTries: context.wrongCardTries,
    wrongCards: 0,
    headsetPlugged: context.headsetPlugged,
    // A headset still in the jack serves the next customer assisted too.
    access: { assisted: context.headsetPlugged, largeText: false, highContrast: false },
    slip: 'none',
    readerAvailable: context.readerAvailable,
    gatewayUp: context.gatewayUp,
    operatorEnabled: context.operatorEnabled,
    cardPresent: context.cardPresent,
    pin: context.pin,
    pinLength: 0,
    language: 'ja',
    serviceId: undefined,
    pinTriesLeft: undefined,
    lastPinWrong: false,
    cardFingerprint: undefined,
    cardHandle: undefined,
    cardAccepted: false,
    agreement: undefined,
    retrievalId: undefined,
    heldUntil: undefined,
    retrievalDeleted: undefined,
    items: undefined,
    reviewSeen: false,
    consentedItemKeys: undefined,
    consent: undefined,
    submission: undefined,
    cardProblem: undefined,
    retrievalProblem: undefined,
    nextAvailableAt: undefined,
    endReason: undefined,
    cancelledOn: undefined,
    cardLeftBehind: false,
    dataRetrieved: false,
    cardRetained: false,
    cardReturned: false,
    endTold: false,
  };
}

/** Why the kiosk cannot serve anyone now: the first of the operator, the reader and the gateway that says no. */
export function outOfServiceReason(context: Pick<SessionContext, 'operatorEnabled' | 'readerAvailable' | 'gatewayUp'>): OutOfServiceReason {
  if (!context.operatorEnabled) return 'operator';
  return context.readerAvailable ? 'gateway-down' : 'no-reader';
}

const machineSetup = setup({
  types: {
    context: {} as Context,
    events: {} as SessionEvent,
    input: {} as SessionInput,
    tags: {} as SessionTag,
  },
  actors: {
    /** Reader and card-mechanics events for the configured reader. */
    watchDevices: fromCallback<SessionEvent>(() => () => undefined),
    /** Periodic gateway health. */
    monitorGateway: fromCallback<SessionEvent>(() => () => undefined),
    /** The gateway's confirmations of deleted retrievals (RETRIEVAL_DELETED). */
    watchDeletions: fromCallback<SessionEvent>(() => () => undefined),
    checkAvailability: fromPromise<AvailabilityCheck, { serviceId: string }>(notProvided('checkAvailability')),
    inspectCard: fromPromise<CardInspection>(notProvided('inspectCard')),
    authenticate: fromPromise<AuthenticationOutcome, AuthenticationInput>(notProvided('authenticate')),
    retrieve: fromPromise<RetrievalOutcome, { retrievalId: string; serviceId: string }>(notProvided('retrieve')),
    checkCard: fromPromise<CardCheck, { fingerprint: string; handle: string }>(notProvided('checkCard')),
    submit: fromPromise<SubmissionOutcome, SubmissionInput>(notProvided('submit')),
    /** The receipt slip (受付番号, date and time, service, recipient), where there is a printer. */
    printReceipt: fromPromise<ReceiptPrintOutcome, { receiptId: string; serviceId: string }>(notProvided('printReceipt')),
    ejectCard: fromPromise<undefined>(notProvided('ejectCard')),
    retainCard: fromPromise<boolean>(notProvided('retainCard')),
  },
  actions: {
    /** What the audit trail records (never personal data: the provider hashes card identifiers). */
    audit: (_, _entry: AuditEntry) => undefined,
    /** Tells the gateway to delete what it retrieved for a session that ends without consent. */
    discardRetrieval: (_, _params: { retrievalId: string | undefined }) => undefined,
    /** Opens the reader's intake for one card (motorised readers). */
    acceptCard: () => undefined,
    /** Closes the intake again: no card is taken in unless the kiosk asks for one. */
    refuseCard: () => undefined,
    /** From now until the card is returned, it must stay in. */
    holdCard: () => undefined,
    /** Ends the card connection (with a reset) without returning the card. */
    releaseCard: () => undefined,
    /** Back at the attract loop: the audit records that follow belong to no customer's session. */
    closeAuditSession: () => undefined,
    appendDigit: ({ context, event }) => {
      if (event.type === 'DIGIT') context.pin.append(event.digit);
    },
    backspace: ({ context }) => context.pin.backspace(),
    sealPin: ({ context }) => context.pin.seal(),
    clearPinEntry: ({ context }) => context.pin.clearEntry(),
    clearPin: ({ context }) => context.pin.clear(),
    // The count is kept in context (pure, so graph traversal sees it); the digits are not.
    countDigit: assign({ pinLength: ({ context }) => Math.min(PIN_LENGTH, context.pinLength + 1) }),
    uncountDigit: assign({ pinLength: ({ context }) => Math.max(0, context.pinLength - 1) }),
    resetDigits: assign({ pinLength: 0 }),
    /** Keeps what an outcome told the session. */
    note: assign((_, facts: Facts) => facts),
    /** The personal data is not needed any more. */
    forgetItems: assign({ items: undefined, reviewSeen: false, consentedItemKeys: undefined }),
    resetSession: assign(({ context }) => freshSession(context)),
    // A desk reader reports "taken" before the reader's own "removed": without this the
    // attract loop would still see the card and return (and record) it a second time.
    cardTaken: assign({ cardPresent: false }),
    // Taken from a notice that gave it back: out of the reader and out of the session's hands.
    cardGivenBack: assign({ cardPresent: false, cardAccepted: false, cardReturned: true }),
    markCancelled: assign({
      endReason: 'cancelled',
      cancelledOn: ({ event }) => (event.type === 'CANCEL' ? event.screen : undefined),
    }),
    markEndTold: assign({ endTold: true }),
    /** The assist key, or a headset plugged in: assisted mode for the rest of this session. */
    assist: assign({ access: ({ context }) => ({ ...context.access, assisted: true }) }),
  },
  guards: {
    inService: ({ context }) => context.readerAvailable && context.gatewayUp && context.operatorEnabled,
    knownService: ({ context, event }) => event.type === 'SELECT_SERVICE' && context.serviceIds.includes(event.serviceId),
    pinComplete: ({ context }) => context.pinLength === PIN_LENGTH,
    cardPresent: ({ context }) => context.cardPresent,
    /** A card to give back: one the session took in, or any card physically in the reader. */
    cardToReturn: ({ context }) => context.cardAccepted || context.cardPresent,
    /** The review screen reports the last item of the session's own list on screen. */
    lastItemShown: ({ context, event }) => {
      const last = context.items?.at(-1);
      return event.type === 'REVIEW_SEEN' && last !== undefined && itemKey(last) === event.lastItemKey;
    },
    reviewSeen: ({ context }) => context.reviewSeen,
    /** Consent covers items the review screen showed, and nothing else. */
    shownItemsOnly: ({ context, event }) =>
      event.type === 'CONFIRM' &&
      event.itemKeys.length > 0 &&
      event.itemKeys.every((key) => context.items?.some((item) => itemKey(item) === key) ?? false),
    /** 確認 came while the gateway still held the retrieval: after that, there is nothing to provide. */
    heldStill: ({ context, event }) =>
      event.type === 'CONFIRM' && (context.heldUntil === undefined || Date.parse(event.consentedAt) < Date.parse(context.heldUntil)),
    /** The actor reported an outcome of the kind the transition is for (see routes()). */
    reported: (_, { kind, expected }: { kind: string; expected: string }) => kind === expected,
    retryable: ({ context }) => context.retrievalProblem?.retryable ?? false,
    cardLeftBehind: ({ context }) => context.cardLeftBehind,
    cardRetained: ({ context }) => context.cardRetained,
    cardReturned: ({ context }) => context.cardReturned,
    /** Told already, and nothing obtained whose deletion the end screen would have to tell. */
    endToldAll: ({ context }) => context.endTold && !context.dataRetrieved,
  },
  delays: {
    /** No touch for this long on a screen waiting for the customer: ask whether they are still there. */
    idle: 60_000,
    /** The review screen has more to read. */
    reviewIdle: 120_000,
    /** The idle warning's countdown before the session ends. */
    idleCountdown: 20_000,
    /** An error or notice screen ends by itself after this long. */
    noticeScreen: 20_000,
    /**
     * A returned card not taken by then is retained (motorised) or reported left behind. Long
     * enough for a slow customer: they are called again after `cardReminder`, and warned from
     * `cardLastCall` on (both from when the card came out, or from their last touch).
     */
    cardTake: 60_000,
    cardReminder: 20_000,
    cardLastCall: 45_000,
    completeScreen: 15_000,
  },
});

/** Records an event in the audit trail. */
const record = (entry: AuditEntry) => ({ type: 'audit', params: entry }) as const;

/** 取消, wherever the session takes it: recorded and shown as a cancel, never as an error. */
const CANCEL = { target: '#session.ending', actions: 'markCancelled' } as const;

/** Leaving a notice that already said why the session ends: no second screen says it again. */
const NOTICE_DONE = { target: '#session.ending', actions: 'markEndTold' } as const;
const NOTICE_CANCEL = { target: '#session.ending', actions: ['markCancelled', 'markEndTold'] } as const;

/** The gateway failed in a way no outcome describes: the customer is told, without a retry. */
const GATEWAY_FAILED = {
  target: '#session.retrievalError',
  actions: { type: 'note', params: { retrievalProblem: { reason: 'gateway', retryable: false } } },
} as const;

/** Where an actor's outcome of one kind leads, and what it tells the session on the way. */
interface Route<O> {
  readonly to: string;
  /** From now until the card is returned, it must stay in. */
  readonly holdCard?: true;
  readonly note?: (output: O) => Facts;
  readonly record?: (output: O) => AuditEntry;
}

/**
 * The transitions for an actor's outcomes, one route per kind: the compiler checks that every
 * kind has one, and each route sees its outcome narrowed to its kind.
 */
function routes<O extends { readonly kind: string }>(table: { readonly [K in O['kind']]: Route<Extract<O, { readonly kind: K }>> }) {
  type Args = { readonly event: { readonly output: O } };
  // Each route is called only with outcomes of its own kind: its guard checks the kind first.
  const byKind = table as unknown as Readonly<Record<string, Route<O>>>;
  return Object.entries(byKind).map(([kind, { to, holdCard, note, record: entry }]) => ({
    guard: { type: 'reported', params: ({ event }: Args) => ({ kind: event.output.kind, expected: kind }) } as const,
    target: to,
    actions: [
      ...(holdCard ? (['holdCard'] as const) : []),
      ...(note ? [{ type: 'note', params: ({ event }: Args) => note(event.output) } as const] : []),
      ...(entry ? [{ type: 'audit', params: ({ event }: Args) => entry(event.output) } as const] : []),
    ],
  }));
}

const CARD_LOST: Route<unknown> = { to: '#session.cardRemoved' };
const READER_LOST: Route<unknown> = { to: '#session.readerLost' };
const PIN_BLOCKED: Route<unknown> = { to: '#session.pinBlocked' };
const CARD_PROBLEM: Route<{ readonly problem: CardProblem }> = {
  to: '#session.cardError',
  note: ({ problem }) => ({ cardProblem: problem }),
};

/**
 * A notice that gives the card back while it says why (a motorised reader ejects it, a desk
 * reader's customer is asked to take it). Taken, the notice has done its job: the session ends
 * then, not when the notice times out.
 */
function cardNotice(screen: ScreenTag, entry: (context: Context) => AuditEntry) {
  return machineSetup.createStateConfig({
    tags: [screen, 'notice', 'cancellable', 'card-out'],
    entry: ['clearPin', 'forgetItems', 'releaseCard', { type: 'audit', params: ({ context }) => entry(context) }],
    // Not brought out (jammed, the reader gone): it cannot be taken, and the way out retains it
    // or reports it kept (see returningCard), instead of the session failing here.
    invoke: { src: 'ejectCard', onError: 'ending' },
    on: {
      DISMISS: NOTICE_DONE,
      CANCEL: NOTICE_CANCEL,
      CARD_TAKEN: { target: 'ending', actions: ['cardGivenBack', record({ event: 'card-returned' })] },
    },
    after: { noticeScreen: NOTICE_DONE },
  });
}

/** The held card left: pulled out, or not seen leaving because the reader went away. */
const HELD_CARD_LOST = [
  { guard: ({ event }: { event: SessionEvent }) => event.type === 'HELD_CARD_REMOVED' && event.outage, target: '#session.readerLost' },
  { target: '#session.cardRemoved' },
] as const;

/** A card nobody took: captured by a motorised reader, or left in a desk reader for staff. */
const RETAINED = [{ type: 'note', params: { cardRetained: true } }, record({ event: 'card-retained' })] as const;
const LEFT_BEHIND = [{ type: 'note', params: { cardLeftBehind: true } }, record({ event: 'card-left-behind' })] as const;

/**
 * Waiting for a returned card to be taken: called for, then reminded, then warned before the
 * reader captures it (or, at a desk reader, before staff are told it was left); any touch
 * gives the whole time again. `retaining` is the sibling that captures it.
 */
const TAKE_CARD_WAIT = {
  initial: 'called',
  on: { ACTIVITY: { target: 'waiting', reenter: true } },
  after: { cardLastCall: '.lastCall', cardTake: 'retaining' },
  states: {
    called: { after: { cardReminder: 'reminded' } },
    reminded: { tags: 'card-reminded' },
    lastCall: { tags: 'card-last-call' },
  },
} as const;

/** Taken from the slot after 確認: given back to its owner. */
const TAKEN_AFTER_CONSENT = { target: 'done', actions: ['cardTaken', record({ event: 'card-returned' })] } as const;

/** The inspection found a card the customer can swap for their My Number card. */
const wrongCard = (inspection: CardInspection): boolean =>
  inspection.kind === 'problem' && WRONG_CARD_PROBLEMS.includes(inspection.problem);
const problemOf = (inspection: CardInspection): CardProblem | undefined => (inspection.kind === 'problem' ? inspection.problem : undefined);

/** The bank's receipt number, once it acknowledged the submission. */
const receiptOf = (context: Context): string | undefined =>
  context.submission?.kind === 'delivered' ? context.submission.receiptId : undefined;

export const sessionMachine = machineSetup.createMachine({
  id: 'session',
  context: ({ input }) =>
    freshSession({
      serviceIds: input.serviceIds,
      readerAvailable: false,
      gatewayUp: false,
      operatorEnabled: true,
      cardPresent: false,
      pin: new PinEntry(),
      headsetPlugged: false,
      printer: input.printer ?? false,
      wrongCardTries: input.wrongCardTries ?? DEFAULT_WRONG_CARD_TRIES,
    }),
  invoke: [
    { id: 'devices', src: 'watchDevices' },
    { id: 'gatewayHealth', src: 'monitorGateway' },
    { id: 'deletions', src: 'watchDeletions' },
  ],
  on: {
    READER: { actions: assign({ readerAvailable: ({ event }) => event.available }) },
    GATEWAY: { actions: assign({ gatewayUp: ({ event }) => event.up }) },
    OPERATOR: { actions: assign({ operatorEnabled: ({ event }) => event.enabled }) },
    CARD_INSERTED: { actions: assign({ cardPresent: true }) },
    CARD_REMOVED: { actions: assign({ cardPresent: false }) },
    SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
    // Recorded as what it was, then handled as 取消 wherever the customer could still stop.
    SCREEN_LOST: { actions: [record({ event: 'screen-lost' }), raise({ type: 'CANCEL' })] },
    // Kept only for this session's retrieval: what the end screen says about its deletion.
    RETRIEVAL_DELETED: {
      guard: ({ context, event }) => event.retrievalId === context.retrievalId,
      actions: assign({ retrievalDeleted: ({ event }) => event.retrievalId }),
    },
    SET_DISPLAY_MODE: {
      actions: assign({
        access: ({ context, event }) =>
          event.mode === 'large-text' ? { ...context.access, largeText: event.on } : { ...context.access, highContrast: event.on },
      }),
    },
    ASSIST: { actions: 'assist' },
    // Plugged in: assisted from now on; pulled out: the voice goes back to the speaker, assisted stays.
    HEADSET: [
      { guard: ({ event }) => event.plugged, actions: [assign({ headsetPlugged: true }), 'assist'] },
      { actions: assign({ headsetPlugged: false }) },
    ],
  },
  initial: 'attract',
  states: {
    attract: {
      tags: 'screen:attract',
      entry: ['clearPin', 'resetSession', 'closeAuditSession'],
      always: [
        // A card left in the reader (a restart, an early insertion) is given back before anyone starts.
        { guard: 'cardPresent', target: 'returningCard' },
        { guard: not('inService'), target: 'outOfService' },
      ],
      // Started here, not on entering `customer`: the idle warning, a retry and the unavailable
      // screen lead back into it, and that is still the same customer's session.
      on: {
        TOUCH: { target: 'customer', actions: record({ event: 'session-started' }) },
        START: { target: 'customer.serviceChoice', actions: record({ event: 'session-started' }) },
      },
    },

    outOfService: {
      tags: 'screen:out-of-service',
      entry: { type: 'audit', params: ({ context }) => ({ event: 'out-of-service', reason: outOfServiceReason(context) }) },
      always: { guard: 'inService', target: 'attract' },
    },

    customer: {
      tags: ['cancellable', 'holds-card'],
      initial: 'top',
      on: { CANCEL, HELD_CARD_REMOVED: HELD_CARD_LOST },
      states: {
        /** 図3.3-1 */
        top: {
          tags: 'screen:top',
          // 取消 before anything began: back to the attract loop, with nothing to tell.
          on: { START: 'serviceChoice', CANCEL: NOTICE_CANCEL, ACTIVITY: { target: 'top', reenter: true } },
          after: { idle: '#session.idleWarning' },
        },
        /** 図3.3-2 */
        serviceChoice: {
          tags: 'screen:service-choice',
          on: {
            SELECT_SERVICE: {
              guard: 'knownService',
              target: 'checkingService',
              actions: [
                assign({ serviceId: ({ event }) => event.serviceId }),
                { type: 'audit', params: ({ event }) => ({ event: 'service-selected', serviceId: event.serviceId }) },
              ],
            },
            ACTIVITY: { target: 'serviceChoice', reenter: true },
          },
          after: { idle: '#session.idleWarning' },
        },
        /** §2.5: retrieval must be possible now before the customer goes on (※3). */
        checkingService: {
          tags: 'screen:working:checking-service',
          invoke: {
            src: 'checkAvailability',
            input: ({ context }) => ({ serviceId: context.serviceId ?? '' }),
            onDone: [
              { guard: ({ event }) => event.output.available, target: 'confirmation' },
              {
                target: '#session.unavailable',
                actions: assign({ nextAvailableAt: ({ event }) => (event.output.available ? undefined : event.output.nextAvailableAt) }),
              },
            ],
            onError: '#session.unavailable',
          },
        },
        /** 図3.3-3: what will be obtained, from マイナポータル, by whom and why. */
        confirmation: {
          tags: 'screen:confirmation',
          on: {
            AGREE: {
              target: 'insertCard',
              actions: [
                assign({ agreement: ({ event }) => ({ agreedAt: event.agreedAt, textVersion: event.textVersion }) }),
                {
                  type: 'audit',
                  params: ({ context, event }) => ({ event: 'agreed', textVersion: event.textVersion, language: context.language }),
                },
              ],
            },
            // 戻る: another service; nothing was asked of the card or the gateway yet.
            BACK: { target: 'serviceChoice', actions: assign({ serviceId: undefined }) },
            ACTIVITY: { target: 'confirmation', reenter: true },
          },
          after: { idle: '#session.idleWarning' },
        },
        /** 図3.3-4 */
        insertCard: {
          tags: 'screen:insert-card',
          entry: 'acceptCard',
          exit: 'refuseCard',
          always: { guard: 'cardPresent', target: 'readingCard' },
          on: {
            CARD_INSERTED: { target: 'readingCard', actions: assign({ cardPresent: true }) },
            ACTIVITY: { target: 'insertCard', reenter: true },
          },
          after: { idle: '#session.idleWarning' },
        },
        readingCard: {
          tags: 'screen:working:reading-card',
          entry: [assign({ cardAccepted: true }), record({ event: 'card-inserted' })],
          invoke: {
            src: 'inspectCard',
            onDone: [
              // A card the customer can swap for their My Number card: given back, and asked for again.
              {
                guard: ({ context, event }) => wrongCard(event.output) && context.wrongCards + 1 < context.wrongCardTries,
                target: '#session.wrongCard',
                actions: assign({
                  cardProblem: ({ event }) => problemOf(event.output),
                  wrongCards: ({ context }) => context.wrongCards + 1,
                }),
              },
              // The last try: the session ends, saying why.
              {
                guard: ({ event }) => wrongCard(event.output),
                target: '#session.wrongCardLimit',
                actions: assign({
                  cardProblem: ({ event }) => problemOf(event.output),
                  wrongCards: ({ context }) => context.wrongCards + 1,
                }),
              },
              ...routes<CardInspection>({
                ready: {
                  to: 'pinEntry',
                  holdCard: true,
                  note: (card) => ({ pinTriesLeft: card.pinTriesLeft, cardFingerprint: card.fingerprint, cardHandle: card.handle }),
                },
                'pin-blocked': PIN_BLOCKED,
                problem: CARD_PROBLEM,
                'card-lost': CARD_LOST,
                'reader-lost': READER_LOST,
              }),
            ],
            // Reading failed in an unforeseen way: the card could not be read; inserting it again may help.
            onError: { target: '#session.cardError', actions: assign({ cardProblem: 'mute' }) },
          },
        },
        /** 図3.3-5: the 4-digit PIN on the kiosk's own keypad. */
        pinEntry: {
          tags: 'screen:pin',
          on: {
            DIGIT: { target: 'pinEntry', reenter: true, actions: ['appendDigit', 'countDigit'] },
            BACKSPACE: { target: 'pinEntry', reenter: true, actions: ['backspace', 'uncountDigit'] },
            SUBMIT_PIN: { guard: 'pinComplete', target: 'authenticating', actions: ['sealPin', 'resetDigits'] },
            ACTIVITY: { target: 'pinEntry', reenter: true },
          },
          after: { idle: { target: '#session.idleWarning', actions: ['clearPinEntry', 'resetDigits'] } },
        },
        authenticating: {
          tags: 'screen:working:authenticating',
          invoke: {
            src: 'authenticate',
            input: ({ context }) => ({
              serviceId: context.serviceId ?? '',
              pin: context.pin,
              handle: context.cardHandle ?? '',
              agreement: context.agreement,
            }),
            onDone: routes<AuthenticationOutcome>({
              authenticated: {
                to: 'retrieving',
                note: ({ retrievalId }) => ({ retrievalId, lastPinWrong: false }),
                // Which retrieval and which マイナポータル process: a receipt leads back to both.
                record: ({ retrievalId, processId }) => ({ event: 'authenticated', retrieval: retrievalId, process: processId }),
              },
              'wrong-pin': {
                to: 'pinEntry',
                note: ({ triesLeft }) => ({ pinTriesLeft: triesLeft, lastPinWrong: true }),
                record: ({ triesLeft }) => ({ event: 'pin-failed', triesLeft }),
              },
              'pin-required': { to: 'pinEntry' },
              'pin-blocked': PIN_BLOCKED,
              problem: CARD_PROBLEM,
              'outside-hours': { to: '#session.unavailable', note: ({ nextAvailableAt }) => ({ nextAvailableAt }) },
              'gateway-error': {
                to: '#session.retrievalError',
                note: ({ retryable }) => ({ retrievalProblem: { reason: 'gateway', retryable } }),
              },
              'card-lost': CARD_LOST,
              'reader-lost': READER_LOST,
            }),
            onError: GATEWAY_FAILED,
          },
        },
        retrieving: {
          tags: 'screen:working:retrieving',
          invoke: {
            src: 'retrieve',
            input: ({ context }) => ({ retrievalId: context.retrievalId ?? '', serviceId: context.serviceId ?? '' }),
            onDone: routes<RetrievalOutcome>({
              ready: { to: 'review', note: ({ items, heldUntil }) => ({ items, heldUntil, reviewSeen: false, dataRetrieved: true }) },
              failed: { to: '#session.retrievalError', note: ({ reason, retryable }) => ({ retrievalProblem: { reason, retryable } }) },
            }),
            onError: GATEWAY_FAILED,
          },
        },
        /** 図3.3-6 情報提供可否の確認: consent covers what the customer saw, to the last item. */
        review: {
          tags: ['screen:review', 'personal-data'],
          on: {
            REVIEW_SEEN: { guard: 'lastItemShown', actions: { type: 'note', params: { reviewSeen: true } } },
            CONFIRM: [
              { guard: not('reviewSeen'), actions: record({ event: 'consent-refused', reason: 'not-seen' }) },
              { guard: not('shownItemsOnly'), actions: record({ event: 'consent-refused', reason: 'not-shown' }) },
              // Too late: the gateway no longer holds the information, so nothing can be provided.
              {
                guard: not('heldStill'),
                target: '#session.ending',
                actions: [assign({ endReason: 'expired' }), record({ event: 'consent-refused', reason: 'expired' })],
              },
              {
                target: 'checkingCard',
                actions: assign({
                  consentedItemKeys: ({ event }) => event.itemKeys,
                  consent: ({ event }) => ({ consentedAt: event.consentedAt, textVersion: event.textVersion }),
                }),
              },
            ],
            DECLINE: {
              target: '#session.ending',
              actions: [assign({ endReason: 'declined' }), record({ event: 'consent-declined' })],
            },
            ACTIVITY: { target: 'review', reenter: true },
          },
          after: { reviewIdle: '#session.idleWarning' },
        },
        /** ※5: the card inside now must be the card that signed. */
        checkingCard: {
          tags: ['screen:working:checking-card', 'personal-data'],
          invoke: {
            src: 'checkCard',
            input: ({ context }) => ({ fingerprint: context.cardFingerprint ?? '', handle: context.cardHandle ?? '' }),
            onDone: routes<CardCheck>({
              same: { to: '#session.finishing' },
              swapped: { to: '#session.cardSwapped' },
              problem: CARD_PROBLEM,
              'card-lost': CARD_LOST,
              'reader-lost': READER_LOST,
            }),
            onError: '#session.cardRemoved',
          },
        },
        hist: { type: 'history', history: 'deep' },
      },
    },

    idleWarning: {
      // It may interrupt the review: the items stay for the customer who continues.
      tags: ['screen:idle-warning', 'cancellable', 'holds-card', 'personal-data'],
      // Only 続ける resumes: any touch sends ACTIVITY first (on pointerdown), so resuming on it
      // would turn a press of 中止する or 取消 into "continue".
      on: { CONTINUE: 'customer.hist', CANCEL, HELD_CARD_REMOVED: HELD_CARD_LOST },
      after: { idleCountdown: { target: 'ending', actions: assign({ endReason: 'timeout' }) } },
    },

    /** ※3: the chain is not running now; says when it will. */
    unavailable: {
      tags: ['screen:unavailable', 'notice', 'cancellable', 'holds-card'],
      entry: ['clearPin', record({ event: 'service-unavailable' })],
      on: {
        // Before a card is in, the customer may choose another service.
        DISMISS: [{ guard: not('cardToReturn'), target: 'customer.serviceChoice' }, NOTICE_DONE],
        CANCEL: NOTICE_CANCEL,
        // A card, if in, is still held here: it may not leave unnoticed.
        HELD_CARD_REMOVED: HELD_CARD_LOST,
      },
      after: { noticeScreen: NOTICE_DONE },
    },

    /**
     * Not a card the kiosk can use, but the customer may have their My Number card with them:
     * it is given back, and once taken the kiosk asks for a card again, in the same session
     * (the agreement stands). Not taken, the session ends and the card is returned as on any end.
     */
    wrongCard: {
      tags: ['screen:wrong-card', 'cancellable', 'card-out'],
      entry: [
        'releaseCard',
        { type: 'audit', params: ({ context }) => ({ event: 'card-rejected', reason: context.cardProblem ?? 'mute' }) },
      ],
      invoke: { src: 'ejectCard', onError: 'ending' },
      on: {
        CANCEL,
        CARD_TAKEN: {
          target: 'customer.insertCard',
          actions: ['cardTaken', assign({ cardAccepted: false, cardProblem: undefined }), record({ event: 'card-returned' })],
        },
      },
      after: { idle: { target: 'ending', actions: assign({ endReason: 'timeout' }) } },
    },

    /** The last wrong card the session takes: it ends, the card given back. */
    wrongCardLimit: cardNotice('screen:wrong-card', ({ cardProblem }) => ({ event: 'card-rejected', reason: cardProblem ?? 'mute' })),

    cardError: cardNotice('screen:card-error', ({ cardProblem }) => ({ event: 'card-rejected', reason: cardProblem ?? 'mute' })),

    /** Where to reset it: the 市区町村窓口. */
    pinBlocked: cardNotice('screen:pin-blocked', () => ({ event: 'pin-blocked' })),

    retrievalError: {
      tags: ['screen:retrieval-error', 'notice', 'cancellable', 'holds-card'],
      // The card stays verified for a retry; the digits are not needed any more. Recorded here,
      // whichever step failed (authentication, retrieval, a gateway that threw).
      entry: [
        'clearPin',
        {
          type: 'audit',
          params: ({ context }) => ({ event: 'retrieval-failed', reason: context.retrievalProblem?.reason ?? 'gateway' }),
        },
      ],
      on: {
        RETRY: {
          guard: 'retryable',
          target: 'customer.authenticating',
          actions: { type: 'discardRetrieval', params: ({ context }) => ({ retrievalId: context.retrievalId }) },
        },
        DISMISS: NOTICE_DONE,
        CANCEL: NOTICE_CANCEL,
        // Still held for the retry: pulled out, the card can no longer be trusted.
        HELD_CARD_REMOVED: HELD_CARD_LOST,
      },
      after: { noticeScreen: NOTICE_DONE },
    },

    /** The card left the reader while it had to stay: nothing of the session can be trusted. */
    cardRemoved: {
      tags: ['screen:card-removed', 'notice', 'cancellable'],
      entry: ['clearPin', 'forgetItems', 'releaseCard', assign({ cardAccepted: false }), record({ event: 'card-removed' })],
      on: { DISMISS: NOTICE_DONE, CANCEL: NOTICE_CANCEL },
      after: { noticeScreen: NOTICE_DONE },
    },

    /** The card inside is not the one that signed: no consent is taken from it. */
    cardSwapped: cardNotice('screen:card-swapped', () => ({ event: 'card-swapped' })),

    /**
     * The reader (or its service) went away while it held the card: nothing of the session can
     * be trusted, but the card was not seen leaving. It is given back; the reader tells once it
     * is back whether it is still in (a desk reader's customer may take it meanwhile).
     */
    readerLost: cardNotice('screen:reader-lost', () => ({ event: 'reader-lost' })),

    /** After 確認: submission and card return run side by side. Cancel is no longer possible. */
    finishing: {
      tags: ['screen:finishing', 'retrieval-settled'],
      type: 'parallel',
      entry: [
        {
          type: 'audit',
          params: ({ context }) => ({
            event: 'consent-given',
            textVersion: context.consent?.textVersion ?? '',
            language: context.language,
          }),
        },
        'releaseCard',
      ],
      states: {
        submission: {
          initial: 'sending',
          states: {
            sending: {
              tags: ['submitting', 'personal-data'],
              invoke: {
                src: 'submit',
                input: ({ context }) => ({
                  serviceId: context.serviceId ?? '',
                  retrievalId: context.retrievalId ?? '',
                  items: (context.items ?? []).filter((item) => context.consentedItemKeys?.includes(itemKey(item)) ?? false),
                  consent: context.consent,
                  heldUntil: context.heldUntil,
                }),
                onDone: routes<SubmissionOutcome>({
                  delivered: {
                    to: 'done',
                    note: (submission) => ({ submission }),
                    record: ({ receiptId }) => ({ event: 'submitted', receipt: receiptId }),
                  },
                  queued: {
                    to: 'done',
                    note: (submission) => ({ submission }),
                    record: ({ reference }) => ({ event: 'submission-queued', reference }),
                  },
                  failed: { to: 'done', note: (submission) => ({ submission }), record: () => ({ event: 'submission-failed' }) },
                }),
                onError: {
                  target: 'done',
                  actions: [{ type: 'note', params: { submission: { kind: 'failed' } } }, record({ event: 'submission-failed' })],
                },
              },
              // Once handed over (stored or sent), the kiosk keeps no personal data.
              exit: 'forgetItems',
            },
            done: { type: 'final' },
          },
        },
        card: {
          initial: 'ejecting',
          states: {
            // The card may be taken at any moment, also before the eject has reported back.
            // A card that could not be brought out (jammed, the reader gone) cannot be taken:
            // it is retained (or reported kept) at once, not waited for.
            ejecting: {
              tags: 'card-out',
              invoke: { src: 'ejectCard', onDone: 'waiting', onError: 'retaining' },
              on: { CARD_TAKEN: TAKEN_AFTER_CONSENT },
            },
            // Any touch or key gives the customer the whole time again (the voice says so).
            waiting: {
              ...TAKE_CARD_WAIT,
              tags: 'card-out',
              on: { ...TAKE_CARD_WAIT.on, CARD_TAKEN: TAKEN_AFTER_CONSENT },
            },
            retaining: {
              tags: 'card-out',
              on: { CARD_TAKEN: TAKEN_AFTER_CONSENT },
              invoke: {
                src: 'retainCard',
                onDone: [
                  { guard: ({ event }) => event.output, target: 'done', actions: RETAINED },
                  { target: 'done', actions: LEFT_BEHIND },
                ],
                onError: { target: 'done', actions: LEFT_BEHIND },
              },
            },
            done: { type: 'final' },
          },
        },
      },
      onDone: 'complete',
    },

    /** 図3.3-7 取引完了. */
    complete: {
      tags: ['screen:complete', 'retrieval-settled'],
      entry: [
        record({ event: 'session-completed' }),
        // A slip only with a receipt number to put on it, and a printer to print it.
        assign({ slip: ({ context }) => (context.printer && receiptOf(context) ? 'printing' : 'none') }),
      ],
      invoke: {
        src: 'printReceipt',
        input: ({ context }) => ({
          receiptId: context.slip === 'printing' ? (receiptOf(context) ?? '') : '',
          serviceId: context.serviceId ?? '',
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.kind === 'printed',
            actions: [assign({ slip: 'printed' }), record({ event: 'receipt-printed' })],
          },
          {
            guard: ({ event }) => event.output.kind === 'failed',
            actions: [
              assign({ slip: 'failed' }),
              {
                type: 'audit',
                params: ({ event }) => ({
                  event: 'receipt-print-failed',
                  reason: event.output.kind === 'failed' ? event.output.reason : 'error',
                }),
              },
            ],
          },
        ],
        // Failed in a way no outcome describes; said only where a slip was being printed.
        onError: {
          actions: enqueueActions(({ context, enqueue }) => {
            if (context.slip !== 'printing') return;
            enqueue.assign({ slip: 'failed' });
            enqueue({ type: 'audit', params: { event: 'receipt-print-failed', reason: 'error' } });
          }),
        },
      },
      on: {
        DISMISS: [
          { guard: 'cardLeftBehind', target: 'cardLeftBehind' },
          { guard: 'cardRetained', target: 'cardRetained' },
          { target: 'attract' },
        ],
        // Taken at last, while this screen was up: nothing is left behind after all. (A card
        // already taken is not returned, nor recorded, a second time.)
        CARD_TAKEN: {
          guard: 'cardLeftBehind',
          actions: ['cardTaken', assign({ cardLeftBehind: false }), record({ event: 'card-returned' })],
        },
      },
      // A child state so that a touch restarts the timer without recording completion again:
      // a customer copying the receipt number is not cut off.
      initial: 'shown',
      states: {
        shown: {
          on: { ACTIVITY: { target: 'shown', reenter: true } },
          after: {
            completeScreen: [
              { guard: 'cardLeftBehind', target: '#session.cardLeftBehind' },
              { guard: 'cardRetained', target: '#session.cardRetained' },
              { target: '#session.attract' },
            ],
          },
        },
      },
    },

    /** Every way out before completion: wipe, tell the gateway, give the card back. */
    ending: {
      entry: [
        'clearPin',
        'forgetItems',
        { type: 'discardRetrieval', params: ({ context }) => ({ retrievalId: context.retrievalId }) },
        assign({ endReason: ({ context }) => context.endReason ?? 'error' }),
        {
          type: 'audit',
          params: ({ context }) => ({
            event: 'session-ended',
            reason: context.endReason ?? 'error',
            ...(context.endReason === 'cancelled' && context.cancelledOn ? { screen: context.cancelledOn } : {}),
          }),
        },
        'releaseCard',
      ],
      always: [
        { guard: 'cardToReturn', target: 'returningCard' },
        // The customer already has the card back and has gone: nobody to show "ended" to.
        { guard: 'cardReturned', target: 'attract' },
        { guard: 'endToldAll', target: 'attract' },
        { target: 'ended' },
      ],
    },

    /** "取引を中止しました", with no card to return, where nothing said so yet (or the deletion is to tell). */
    ended: {
      tags: ['screen:ended', 'retrieval-settled'],
      on: { TOUCH: 'attract', DISMISS: 'attract' },
      after: { noticeScreen: 'attract' },
    },

    /** "カードをお取りください" with sound and motion; not taken in time → retained. */
    returningCard: {
      tags: ['screen:returning-card', 'card-out', 'retrieval-settled'],
      initial: 'ejecting',
      states: {
        // Not brought out (jammed, the reader gone): nothing to wait for, see finishing.card.
        ejecting: { invoke: { src: 'ejectCard', onDone: 'waiting', onError: 'retaining' } },
        waiting: TAKE_CARD_WAIT,
        retaining: {
          invoke: {
            src: 'retainCard',
            onDone: [
              { guard: ({ event }) => event.output, target: '#session.cardRetained', actions: RETAINED },
              { target: '#session.cardLeftBehind' },
            ],
            onError: '#session.cardLeftBehind',
          },
        },
      },
      on: { CARD_TAKEN: { target: 'attract', actions: ['cardTaken', record({ event: 'card-returned' })] } },
    },

    /** Captured by a motorised reader: its owner, should they come back, is told to ask staff. */
    cardRetained: {
      tags: ['screen:card-retained', 'retrieval-settled'],
      on: { DISMISS: 'attract' },
      after: { noticeScreen: 'attract' },
    },

    /** A desk reader cannot capture a card: staff must take it before the next customer. */
    cardLeftBehind: {
      tags: ['screen:card-left-behind', 'retrieval-settled'],
      entry: LEFT_BEHIND,
      // Taken by staff, not returned to its owner: nothing more to record, and nothing left to return.
      // A removal reported by an outage is not staff taking it: the card may still be inside,
      // and the card mechanics tell once the reader is back.
      on: {
        CARD_TAKEN: { target: 'attract', actions: 'cardTaken' },
        CARD_REMOVED: { guard: ({ event }) => !event.outage, target: 'attract', actions: 'cardTaken' },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
