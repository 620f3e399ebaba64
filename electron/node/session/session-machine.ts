// One customer's session at the kiosk, from the attract loop back to it: the seven screens of
// guideline 図3.3 plus the states a branch needs (card errors, PIN paths, retrieval errors,
// idle warning, card return, out of service). Pure definition: every device and service is
// an actor or action injected with `provide`; every delay is named here.
//
// Data rules (API terms 第3条2項): the PIN lives only in the wipeable PinEntry and is handed
// to the card once; the retrieved items exist only from retrieval until submission; every
// path back to the attract loop wipes both and gives the card back.
import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { InformationItem } from '../../common/income-items.ts';
import { PIN_LENGTH } from '../../common/pin.ts';
import { PinEntry } from './pin-entry.ts';
import type {
  AuthenticationOutcome,
  AvailabilityCheck,
  CardCheck,
  CardInspection,
  EndReason,
  RetrievalOutcome,
  SessionContext,
  SessionEvent,
  SubmissionOutcome,
} from './session-types.ts';

/** What the audit trail records (never personal data: the provider hashes card identifiers). */
export type AuditEntry =
  | { readonly event: 'session-started' | 'consent-given' | 'consent-declined' | 'card-returned' | 'card-retained' | 'card-left-behind' }
  | { readonly event: 'service-selected'; readonly serviceId: string }
  | { readonly event: 'card-inserted' }
  | { readonly event: 'card-rejected'; readonly reason: string }
  | { readonly event: 'pin-failed'; readonly triesLeft: number }
  | { readonly event: 'pin-blocked' | 'authenticated' | 'card-removed' | 'card-swapped' }
  | { readonly event: 'retrieval-failed'; readonly reason: string }
  | { readonly event: 'submitted' | 'submission-queued' | 'submission-failed' }
  | { readonly event: 'session-ended'; readonly reason: EndReason }
  | { readonly event: 'session-completed' }
  | { readonly event: 'out-of-service' }
  /** Outside operating hours, or マイナポータル said so when asked (the unavailable screen). */
  | { readonly event: 'service-unavailable' };

const notProvided = (name: string) => () => Promise.reject(new Error(`${name} is not provided`));

export interface SessionInput {
  readonly serviceIds: readonly string[];
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
};

function freshSession(
  context: Pick<Context, 'serviceIds' | 'readerAvailable' | 'gatewayUp' | 'operatorEnabled' | 'cardPresent' | 'pin'>,
): Context {
  return {
    serviceIds: context.serviceIds,
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
    retrievalId: undefined,
    items: undefined,
    consentedItemIds: undefined,
    receiptId: undefined,
    submissionQueued: false,
    submissionFailed: false,
    cardProblem: undefined,
    retrievalProblem: undefined,
    nextAvailableAt: undefined,
    endReason: undefined,
    cardLeftBehind: false,
    dataRetrieved: false,
    cardRetained: false,
    cardReturned: false,
  };
}

export const sessionMachine = setup({
  types: {
    context: {} as Context,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    /** Reader and card-mechanics events for the configured reader. */
    watchDevices: fromCallback<SessionEvent>(() => () => undefined),
    /** Periodic gateway health. */
    monitorGateway: fromCallback<SessionEvent>(() => () => undefined),
    checkAvailability: fromPromise<AvailabilityCheck, { serviceId: string }>(notProvided('checkAvailability')),
    inspectCard: fromPromise<CardInspection>(notProvided('inspectCard')),
    authenticate: fromPromise<AuthenticationOutcome, { serviceId: string; pin: PinEntry; handle: string }>(notProvided('authenticate')),
    retrieve: fromPromise<RetrievalOutcome, { retrievalId: string; serviceId: string }>(notProvided('retrieve')),
    checkCard: fromPromise<CardCheck, { fingerprint: string; handle: string }>(notProvided('checkCard')),
    submit: fromPromise<SubmissionOutcome, { serviceId: string; retrievalId: string; items: readonly InformationItem[] }>(
      notProvided('submit'),
    ),
    ejectCard: fromPromise<undefined>(notProvided('ejectCard')),
    retainCard: fromPromise<boolean>(notProvided('retainCard')),
  },
  actions: {
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
    /** The personal data is not needed any more. */
    forgetItems: assign({ items: undefined, consentedItemIds: undefined }),
    resetSession: assign(({ context }) => freshSession(context)),
    // A desk reader reports "taken" before the reader's own "removed": without this the
    // attract loop would still see the card and return (and record) it a second time.
    cardTaken: assign({ cardPresent: false }),
    // Taken from a notice that gave it back: out of the reader and out of the session's hands.
    cardGivenBack: assign({ cardPresent: false, cardAccepted: false, cardReturned: true }),
    // 取消, wherever pressed: recorded and shown as a cancel, never as an error.
    markCancelled: assign({ endReason: 'cancelled' }),
  },
  guards: {
    inService: ({ context }) => context.readerAvailable && context.gatewayUp && context.operatorEnabled,
    knownService: ({ context, event }) => event.type === 'SELECT_SERVICE' && context.serviceIds.includes(event.serviceId),
    pinComplete: ({ context }) => context.pinLength === PIN_LENGTH,
    cardPresent: ({ context }) => context.cardPresent,
    /** A card to give back: one the session took in, or any card physically in the reader. */
    cardToReturn: ({ context }) => context.cardAccepted || context.cardPresent,
    /** Consent covers items the review screen showed, and nothing else. */
    consentValid: ({ context, event }) =>
      event.type === 'CONFIRM' &&
      event.itemIds.length > 0 &&
      event.itemIds.every((id) => context.items?.some((item) => item.id === id) ?? false),
    retryable: ({ context }) => context.retrievalProblem?.retryable ?? false,
    cardLeftBehind: ({ context }) => context.cardLeftBehind,
    cardRetained: ({ context }) => context.cardRetained,
    cardReturned: ({ context }) => context.cardReturned,
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
    /** A returned card not taken by then is retained (motorised) or reported left behind. */
    cardTake: 30_000,
    completeScreen: 15_000,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) =>
    freshSession({
      serviceIds: input.serviceIds,
      readerAvailable: false,
      gatewayUp: false,
      operatorEnabled: true,
      cardPresent: false,
      pin: new PinEntry(),
    }),
  invoke: [
    { id: 'devices', src: 'watchDevices' },
    { id: 'gatewayHealth', src: 'monitorGateway' },
  ],
  on: {
    READER: { actions: assign({ readerAvailable: ({ event }) => event.available }) },
    GATEWAY: { actions: assign({ gatewayUp: ({ event }) => event.up }) },
    OPERATOR: { actions: assign({ operatorEnabled: ({ event }) => event.enabled }) },
    CARD_INSERTED: { actions: assign({ cardPresent: true }) },
    CARD_REMOVED: { actions: assign({ cardPresent: false }) },
    SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
  },
  initial: 'attract',
  states: {
    attract: {
      entry: ['clearPin', 'resetSession', 'closeAuditSession'],
      always: [
        // A card left in the reader (a restart, an early insertion) is given back before anyone starts.
        { guard: 'cardPresent', target: 'returningCard' },
        { guard: ({ context }) => !(context.readerAvailable && context.gatewayUp && context.operatorEnabled), target: 'outOfService' },
      ],
      // Started here, not on entering `customer`: the idle warning, a retry and the unavailable
      // screen lead back into it, and that is still the same customer's session.
      on: {
        TOUCH: { target: 'customer', actions: { type: 'audit', params: { event: 'session-started' } } },
        START: { target: 'customer.serviceChoice', actions: { type: 'audit', params: { event: 'session-started' } } },
      },
    },

    outOfService: {
      entry: { type: 'audit', params: { event: 'out-of-service' } },
      always: { guard: 'inService', target: 'attract' },
    },

    customer: {
      initial: 'top',
      on: {
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        HELD_CARD_REMOVED: { target: 'cardRemoved' },
      },
      states: {
        /** 図3.3-1 */
        top: {
          on: { START: 'serviceChoice', ACTIVITY: { target: 'top', reenter: true } },
          after: { idle: '#session.idleWarning' },
        },
        /** 図3.3-2 */
        serviceChoice: {
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
          on: {
            AGREE: 'insertCard',
            // 戻る: another service; nothing was asked of the card or the gateway yet.
            BACK: { target: 'serviceChoice', actions: assign({ serviceId: undefined }) },
            ACTIVITY: { target: 'confirmation', reenter: true },
          },
          after: { idle: '#session.idleWarning' },
        },
        /** 図3.3-4 */
        insertCard: {
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
          entry: [assign({ cardAccepted: true }), { type: 'audit', params: { event: 'card-inserted' } }],
          invoke: {
            src: 'inspectCard',
            onDone: [
              {
                guard: ({ event }) => event.output.kind === 'ready',
                target: 'pinEntry',
                actions: [
                  'holdCard',
                  assign(({ event }) =>
                    event.output.kind === 'ready'
                      ? {
                          pinTriesLeft: event.output.pinTriesLeft,
                          cardFingerprint: event.output.fingerprint,
                          cardHandle: event.output.handle,
                        }
                      : {},
                  ),
                ],
              },
              { guard: ({ event }) => event.output.kind === 'pin-blocked', target: '#session.pinBlocked' },
              {
                guard: ({ event }) => event.output.kind === 'problem',
                target: '#session.cardError',
                actions: assign({ cardProblem: ({ event }) => (event.output.kind === 'problem' ? event.output.problem : 'mute') }),
              },
              { target: '#session.cardRemoved' },
            ],
            // Reading failed in an unforeseen way: the card could not be read; inserting it again may help.
            onError: { target: '#session.cardError', actions: assign({ cardProblem: 'mute' }) },
          },
        },
        /** 図3.3-5: the 4-digit PIN on the kiosk's own keypad. */
        pinEntry: {
          on: {
            DIGIT: { target: 'pinEntry', reenter: true, actions: ['appendDigit', 'countDigit'] },
            BACKSPACE: { target: 'pinEntry', reenter: true, actions: ['backspace', 'uncountDigit'] },
            SUBMIT_PIN: { guard: 'pinComplete', target: 'authenticating', actions: ['sealPin', 'resetDigits'] },
            ACTIVITY: { target: 'pinEntry', reenter: true },
          },
          after: { idle: { target: '#session.idleWarning', actions: ['clearPinEntry', 'resetDigits'] } },
        },
        authenticating: {
          invoke: {
            src: 'authenticate',
            input: ({ context }) => ({ serviceId: context.serviceId ?? '', pin: context.pin, handle: context.cardHandle ?? '' }),
            onDone: [
              {
                guard: ({ event }) => event.output.kind === 'authenticated',
                target: 'retrieving',
                actions: [
                  assign({
                    retrievalId: ({ event }) => (event.output.kind === 'authenticated' ? event.output.retrievalId : undefined),
                    lastPinWrong: false,
                  }),
                  { type: 'audit', params: { event: 'authenticated' } },
                ],
              },
              {
                guard: ({ event }) => event.output.kind === 'wrong-pin',
                target: 'pinEntry',
                actions: [
                  assign({
                    pinTriesLeft: ({ event }) => (event.output.kind === 'wrong-pin' ? event.output.triesLeft : 0),
                    lastPinWrong: true,
                  }),
                  {
                    type: 'audit',
                    params: ({ event }) => ({
                      event: 'pin-failed',
                      triesLeft: event.output.kind === 'wrong-pin' ? event.output.triesLeft : 0,
                    }),
                  },
                ],
              },
              { guard: ({ event }) => event.output.kind === 'pin-required', target: 'pinEntry' },
              { guard: ({ event }) => event.output.kind === 'pin-blocked', target: '#session.pinBlocked' },
              {
                guard: ({ event }) => event.output.kind === 'problem',
                target: '#session.cardError',
                actions: assign({ cardProblem: ({ event }) => (event.output.kind === 'problem' ? event.output.problem : 'mute') }),
              },
              {
                guard: ({ event }) => event.output.kind === 'outside-hours',
                target: '#session.unavailable',
                actions: assign({
                  nextAvailableAt: ({ event }) => (event.output.kind === 'outside-hours' ? event.output.nextAvailableAt : undefined),
                }),
              },
              {
                guard: ({ event }) => event.output.kind === 'gateway-error',
                target: '#session.retrievalError',
                actions: assign({
                  retrievalProblem: ({ event }) => ({
                    reason: 'gateway' as const,
                    retryable: event.output.kind === 'gateway-error' && event.output.retryable,
                  }),
                }),
              },
              { target: '#session.cardRemoved' },
            ],
            onError: { target: '#session.retrievalError', actions: assign({ retrievalProblem: { reason: 'gateway', retryable: false } }) },
          },
        },
        retrieving: {
          invoke: {
            src: 'retrieve',
            input: ({ context }) => ({ retrievalId: context.retrievalId ?? '', serviceId: context.serviceId ?? '' }),
            onDone: [
              {
                guard: ({ event }) => event.output.kind === 'ready',
                target: 'review',
                actions: assign({
                  items: ({ event }) => (event.output.kind === 'ready' ? event.output.items : undefined),
                  dataRetrieved: true,
                }),
              },
              {
                target: '#session.retrievalError',
                actions: assign({
                  retrievalProblem: ({ event }) =>
                    event.output.kind === 'failed'
                      ? { reason: event.output.reason, retryable: event.output.retryable }
                      : { reason: 'gateway' as const, retryable: false },
                }),
              },
            ],
            onError: { target: '#session.retrievalError', actions: assign({ retrievalProblem: { reason: 'gateway', retryable: false } }) },
          },
        },
        /** 図3.3-6 情報提供可否の確認. */
        review: {
          on: {
            CONFIRM: {
              guard: 'consentValid',
              target: 'checkingCard',
              actions: assign({ consentedItemIds: ({ event }) => event.itemIds }),
            },
            DECLINE: {
              target: '#session.ending',
              actions: [assign({ endReason: 'declined' }), { type: 'audit', params: { event: 'consent-declined' } }],
            },
            ACTIVITY: { target: 'review', reenter: true },
          },
          after: { reviewIdle: '#session.idleWarning' },
        },
        /** ※5: the card inside now must be the card that signed. */
        checkingCard: {
          invoke: {
            src: 'checkCard',
            input: ({ context }) => ({ fingerprint: context.cardFingerprint ?? '', handle: context.cardHandle ?? '' }),
            onDone: [
              { guard: ({ event }) => event.output.kind === 'same', target: '#session.finishing' },
              { guard: ({ event }) => event.output.kind === 'swapped', target: '#session.cardSwapped' },
              {
                guard: ({ event }) => event.output.kind === 'problem',
                target: '#session.cardError',
                actions: assign({ cardProblem: ({ event }) => (event.output.kind === 'problem' ? event.output.problem : 'mute') }),
              },
              { target: '#session.cardRemoved' },
            ],
            onError: '#session.cardRemoved',
          },
        },
        hist: { type: 'history', history: 'deep' },
      },
    },

    idleWarning: {
      // Only 続ける resumes: any touch sends ACTIVITY first (on pointerdown), so resuming on it
      // would turn a press of 中止する or 取消 into "continue".
      on: {
        CONTINUE: 'customer.hist',
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        HELD_CARD_REMOVED: 'cardRemoved',
      },
      after: { idleCountdown: { target: 'ending', actions: assign({ endReason: 'timeout' }) } },
    },

    /** ※3: the chain is not running now; says when it will. */
    unavailable: {
      entry: ['clearPin', { type: 'audit', params: { event: 'service-unavailable' } }],
      on: {
        // Before a card is in, the customer may choose another service.
        DISMISS: [
          { guard: ({ context }) => !context.cardAccepted && !context.cardPresent, target: 'customer.serviceChoice' },
          { target: 'ending' },
        ],
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        // A card, if in, is still held here: it may not leave unnoticed.
        HELD_CARD_REMOVED: 'cardRemoved',
      },
      after: { noticeScreen: 'ending' },
    },

    // The card notices below give the card back while they say why (a motorised reader ejects
    // it, a desk reader's customer is asked to take it). Taken, the notice has done its job:
    // the session ends then, not when the notice times out.

    cardError: {
      entry: [
        'clearPin',
        'forgetItems',
        'releaseCard',
        { type: 'audit', params: ({ context }) => ({ event: 'card-rejected', reason: context.cardProblem ?? 'mute' }) },
      ],
      invoke: { src: 'ejectCard' },
      on: {
        DISMISS: 'ending',
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        CARD_TAKEN: { target: 'ending', actions: ['cardGivenBack', { type: 'audit', params: { event: 'card-returned' } }] },
      },
      after: { noticeScreen: 'ending' },
    },

    /** Where to reset it: the 市区町村窓口. */
    pinBlocked: {
      entry: ['clearPin', 'releaseCard', { type: 'audit', params: { event: 'pin-blocked' } }],
      invoke: { src: 'ejectCard' },
      on: {
        DISMISS: 'ending',
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        CARD_TAKEN: { target: 'ending', actions: ['cardGivenBack', { type: 'audit', params: { event: 'card-returned' } }] },
      },
      after: { noticeScreen: 'ending' },
    },

    retrievalError: {
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
        DISMISS: 'ending',
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        // Still held for the retry: pulled out, the card can no longer be trusted.
        HELD_CARD_REMOVED: 'cardRemoved',
      },
      after: { noticeScreen: 'ending' },
    },

    /** The card left the reader while it had to stay: nothing of the session can be trusted. */
    cardRemoved: {
      entry: [
        'clearPin',
        'forgetItems',
        'releaseCard',
        assign({ cardAccepted: false }),
        { type: 'audit', params: { event: 'card-removed' } },
      ],
      on: { DISMISS: 'ending', CANCEL: { target: 'ending', actions: 'markCancelled' } },
      after: { noticeScreen: 'ending' },
    },

    /** The card inside is not the one that signed: no consent is taken from it. */
    cardSwapped: {
      entry: ['clearPin', 'forgetItems', 'releaseCard', { type: 'audit', params: { event: 'card-swapped' } }],
      invoke: { src: 'ejectCard' },
      on: {
        DISMISS: 'ending',
        CANCEL: { target: 'ending', actions: 'markCancelled' },
        CARD_TAKEN: { target: 'ending', actions: ['cardGivenBack', { type: 'audit', params: { event: 'card-returned' } }] },
      },
      after: { noticeScreen: 'ending' },
    },

    /** After 確認: submission and card return run side by side. Cancel is no longer possible. */
    finishing: {
      type: 'parallel',
      entry: [{ type: 'audit', params: { event: 'consent-given' } }, 'releaseCard'],
      states: {
        submission: {
          initial: 'sending',
          states: {
            sending: {
              invoke: {
                src: 'submit',
                input: ({ context }) => ({
                  serviceId: context.serviceId ?? '',
                  retrievalId: context.retrievalId ?? '',
                  items: (context.items ?? []).filter((item) => context.consentedItemIds?.includes(item.id) ?? false),
                }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.kind === 'delivered',
                    target: 'done',
                    actions: [
                      assign({ receiptId: ({ event }) => (event.output.kind === 'delivered' ? event.output.receiptId : undefined) }),
                      { type: 'audit', params: { event: 'submitted' } },
                    ],
                  },
                  {
                    guard: ({ event }) => event.output.kind === 'queued',
                    target: 'done',
                    actions: [assign({ submissionQueued: true }), { type: 'audit', params: { event: 'submission-queued' } }],
                  },
                  {
                    target: 'done',
                    actions: [assign({ submissionFailed: true }), { type: 'audit', params: { event: 'submission-failed' } }],
                  },
                ],
                onError: {
                  target: 'done',
                  actions: [assign({ submissionFailed: true }), { type: 'audit', params: { event: 'submission-failed' } }],
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
              invoke: { src: 'ejectCard', onDone: 'waiting', onError: 'retaining' },
              on: { CARD_TAKEN: { target: 'done', actions: ['cardTaken', { type: 'audit', params: { event: 'card-returned' } }] } },
            },
            waiting: {
              on: { CARD_TAKEN: { target: 'done', actions: ['cardTaken', { type: 'audit', params: { event: 'card-returned' } }] } },
              after: { cardTake: 'retaining' },
            },
            retaining: {
              on: { CARD_TAKEN: { target: 'done', actions: ['cardTaken', { type: 'audit', params: { event: 'card-returned' } }] } },
              invoke: {
                src: 'retainCard',
                onDone: [
                  {
                    guard: ({ event }) => event.output,
                    target: 'done',
                    actions: [assign({ cardRetained: true }), { type: 'audit', params: { event: 'card-retained' } }],
                  },
                  { target: 'done', actions: [assign({ cardLeftBehind: true }), { type: 'audit', params: { event: 'card-left-behind' } }] },
                ],
                onError: {
                  target: 'done',
                  actions: [assign({ cardLeftBehind: true }), { type: 'audit', params: { event: 'card-left-behind' } }],
                },
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
      entry: { type: 'audit', params: { event: 'session-completed' } },
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
          actions: ['cardTaken', assign({ cardLeftBehind: false }), { type: 'audit', params: { event: 'card-returned' } }],
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
        { type: 'audit', params: ({ context }) => ({ event: 'session-ended', reason: context.endReason ?? 'error' }) },
        'releaseCard',
      ],
      always: [
        { guard: 'cardToReturn', target: 'returningCard' },
        // The customer already has the card back and has gone: nobody to show "ended" to.
        { guard: 'cardReturned', target: 'attract' },
        { target: 'ended' },
      ],
    },

    /** "取引を中止しました", with no card to return. */
    ended: {
      on: { TOUCH: 'attract', DISMISS: 'attract' },
      after: { noticeScreen: 'attract' },
    },

    /** "カードをお取りください" with sound and motion; not taken in time → retained. */
    returningCard: {
      initial: 'ejecting',
      states: {
        // Not brought out (jammed, the reader gone): nothing to wait for, see finishing.card.
        ejecting: { invoke: { src: 'ejectCard', onDone: 'waiting', onError: 'retaining' } },
        waiting: { after: { cardTake: 'retaining' } },
        retaining: {
          invoke: {
            src: 'retainCard',
            onDone: [
              {
                guard: ({ event }) => event.output,
                target: '#session.cardRetained',
                actions: [assign({ cardRetained: true }), { type: 'audit', params: { event: 'card-retained' } }],
              },
              { target: '#session.cardLeftBehind' },
            ],
            onError: '#session.cardLeftBehind',
          },
        },
      },
      on: { CARD_TAKEN: { target: 'attract', actions: ['cardTaken', { type: 'audit', params: { event: 'card-returned' } }] } },
    },

    /** Captured by a motorised reader: its owner, should they come back, is told to ask staff. */
    cardRetained: {
      on: { DISMISS: 'attract' },
      after: { noticeScreen: 'attract' },
    },

    /** A desk reader cannot capture a card: staff must take it before the next customer. */
    cardLeftBehind: {
      entry: [assign({ cardLeftBehind: true }), { type: 'audit', params: { event: 'card-left-behind' } }],
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
