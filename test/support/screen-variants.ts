// Every screen the renderer can be asked to draw, in each of its variants (every reason,
// problem and task), as the kiosk core would project them. The types make the list complete:
// a new screen or reason in the view model does not compile until it is added here.
import type {
  CardCallView,
  CardProblemView,
  CounterView,
  ScreenView,
  ServiceChoice,
  ViewModel,
  WrongCardView,
} from '../../electron/common/view-model.ts';
import type { Language } from '../../electron/common/ui-events.ts';
import { DEMO_SERVICES } from '../../electron/node/services/service-catalog.ts';
import { announcedItems } from '../../electron/node/session/session-services.ts';
import { STANDARD_KEYPAD, summarise } from '../../electron/node/session/session-view.ts';
import { itemsFromRecords, recordsFor } from '../../electron/devkit/reference-gateway/mynaportal-adapter.ts';
import { TEST_CARD_RECORDS } from '../../electron/devkit/reference-gateway/test-card-records.ts';
import { everyMaintenancePage } from './maintenance-variants.ts';

type Screen = ScreenView['screen'];
type Of<S extends Screen> = Extract<ScreenView, { screen: S }>;

/** The keys of a record that must name every member of a union. */
const all = <K extends string>(members: Record<K, true>): K[] => Object.keys(members) as K[];

const [housingService, , pensionService] = DEMO_SERVICES;
const [housing, cardLoan, pension] = DEMO_SERVICES.map(summarise) as [ServiceChoice, ServiceChoice, ServiceChoice];
const service = housing;
const NEXT = '2027-01-03T23:00:00.000Z'; // 令和9年1月4日 8:00 in Japan
/**
 * The review of the housing-loan service as 最新情報指定 answers it (the latest 地方税 record of the
 * default card), as the kiosk core passes it on: the service's announced items, once each.
 */
const ITEMS = housingService
  ? announcedItems(
      housingService,
      itemsFromRecords(
        housingService,
        recordsFor(TEST_CARD_RECORDS.default?.['地方税'] ?? [], { method: 'latest', decidingItem: 'taxYear' }),
      ) ?? [],
    )
  : undefined;
const HELD_UNTIL = '2026-11-24T05:30:00.000Z'; // 令和8年11月24日 14:30 in Japan
if (!ITEMS?.length) throw new Error('the default test card has no 地方税 items for the review screen');
const RANGE_ITEMS = pensionService
  ? itemsFromRecords(pensionService, TEST_CARD_RECORDS.default?.['年金・日本年金機構関係'] ?? [])
  : undefined;
if (!RANGE_ITEMS?.some((item) => item.record)) throw new Error('the default test card has no pension records for a range answer');

/** At the counter, or outside the branch's staffed hours (its phone number instead). */
const STAFFED: CounterView = { staffed: true };
const CLOSED: CounterView = { staffed: false, phone: '0120-123-456' };

const ENDINGS = all<Of<'ended'>['reason']>({ cancelled: true, declined: true, timeout: true, error: true, expired: true });
const DELETIONS = all<Of<'ended'>['deletion']>({ none: true, requested: true, confirmed: true });

const VARIANTS: { readonly [S in Screen]: readonly Of<S>[] } = {
  // Open, and closed now (operating hours) with when it opens again.
  attract: [{ screen: 'attract' }, { screen: 'attract', closed: { reopensAt: NEXT } }],
  'out-of-service': [
    ...all<Of<'out-of-service'>['reason']>({
      'no-reader': true,
      'gateway-down': true,
      operator: true,
      'setup-fault': true,
      disconnected: true,
    }).map((reason): Of<'out-of-service'> => ({ screen: 'out-of-service', reason })),
    { screen: 'out-of-service', reason: 'operator', counter: CLOSED },
    // What staff chose for customers to read (the maintenance menu, a failed self-test).
    ...all<NonNullable<Of<'out-of-service'>['notice']>>({
      maintenance: true,
      'closed-today': true,
      'system-fault': true,
      'card-left-behind': true,
    }).map((notice): Of<'out-of-service'> => ({ screen: 'out-of-service', reason: 'operator', notice })),
  ],
  top: [{ screen: 'top' }, { screen: 'top', closed: { reopensAt: NEXT } }],
  'service-choice': [
    {
      screen: 'service-choice',
      services: [
        { ...housing, available: true, nextAvailableAt: undefined },
        { ...cardLoan, available: true, nextAvailableAt: undefined },
        { ...pension, available: false, nextAvailableAt: NEXT },
      ],
    },
  ],
  confirmation: [{ screen: 'confirmation', service }],
  // A motorised reader keeps the card inside; a desk reader's customer leaves it in.
  'insert-card': [
    { screen: 'insert-card', service, readerHoldsCard: true },
    { screen: 'insert-card', service, readerHoldsCard: false },
  ],
  pin: [
    // With a number pad beside the screen (its hint shown), and without one.
    {
      screen: 'pin',
      serviceName: service.name,
      digits: 0,
      triesLeft: 3,
      lastAttemptWrong: false,
      keypad: STANDARD_KEYPAD,
      physicalKeypad: true,
    },
    {
      screen: 'pin',
      serviceName: pension.name,
      digits: 2,
      triesLeft: 1,
      lastAttemptWrong: true,
      keypad: [7, 3, 0, 9, 1, 5, 8, 2, 6, 4],
      physicalKeypad: false,
    },
  ],
  working: all<Of<'working'>['task']>({
    'checking-service': true,
    'reading-card': true,
    authenticating: true,
    retrieving: true,
    'checking-card': true,
  }).map((task) => ({ screen: 'working', task })),
  review: [
    { screen: 'review', service, items: ITEMS },
    { screen: 'review', service: pension, items: RANGE_ITEMS },
  ],
  finishing: [
    { screen: 'finishing', sending: true, takeCard: false },
    { screen: 'finishing', sending: false, takeCard: true },
    // The card has waited: called again, then warned (captured by a motorised reader, left for staff at a desk one).
    ...all<CardCallView>({ reminder: true, 'final-capture': true, 'final-staff': true }).map((call): Of<'finishing'> => ({
      screen: 'finishing',
      sending: false,
      takeCard: true,
      call,
    })),
  ],
  // Delivered (the bank's receipt); still being sent (the kiosk's reference, and until when); not provided.
  complete: [
    { screen: 'complete', submission: { status: 'delivered', receiptId: 'K7MN-4QRT' }, counter: STAFFED },
    { screen: 'complete', submission: { status: 'sending', reference: 'HX3F-9CAT', until: HELD_UNTIL }, counter: STAFFED },
    { screen: 'complete', submission: { status: 'failed' }, counter: STAFFED },
    { screen: 'complete', submission: { status: 'failed' }, counter: CLOSED },
    // The card not taken, said before the thanks: captured, or still at a desk reader's slot.
    { screen: 'complete', submission: { status: 'delivered', receiptId: 'K7MN-4QRT' }, counter: STAFFED, card: 'retained' },
    { screen: 'complete', submission: { status: 'delivered', receiptId: 'K7MN-4QRT' }, counter: STAFFED, card: 'left-behind' },
  ],
  'idle-warning': [{ screen: 'idle-warning', countdownSeconds: 20 }],
  unavailable: [
    { screen: 'unavailable', nextAvailableAt: NEXT, counter: STAFFED },
    { screen: 'unavailable', nextAvailableAt: undefined, counter: STAFFED },
    { screen: 'unavailable', nextAvailableAt: undefined, counter: CLOSED },
  ],
  'card-error': all<CardProblemView>({
    'not-my-number-card': true,
    smartphone: true,
    expired: true,
    'not-yet-valid': true,
    revoked: true,
    untrusted: true,
    mute: true,
    unresponsive: true,
    damaged: true,
  })
    .map((problem): Of<'card-error'> => ({ screen: 'card-error', problem, counter: STAFFED }))
    // Those that send the customer to the counter, outside its hours.
    .concat(
      (['not-yet-valid', 'untrusted', 'unresponsive', 'damaged'] as const).map((problem) => ({
        screen: 'card-error',
        problem,
        counter: CLOSED,
      })),
    ),
  // Without and with what the bank offers instead (config pinBlockedAlternative).
  'pin-blocked': [
    { screen: 'pin-blocked' },
    {
      screen: 'pin-blocked',
      alternative: {
        ja: '窓口で所得証明書（紙）をお取りいただくこともできます',
        en: 'You can also get a paper income certificate (所得証明書) at the counter.',
      },
    },
  ],
  'retrieval-error': all<Of<'retrieval-error'>['reason']>({
    'no-information': true,
    unavailable: true,
    timeout: true,
    gateway: true,
    'not-registered': true,
    refused: true,
  })
    .map((reason): Of<'retrieval-error'> => ({
      screen: 'retrieval-error',
      reason,
      retryable: !['no-information', 'not-registered', 'refused'].includes(reason),
      counter: STAFFED,
    }))
    .concat([{ screen: 'retrieval-error', reason: 'refused', retryable: false, counter: CLOSED }]),
  'card-removed': [{ screen: 'card-removed' }],
  'reader-lost': [{ screen: 'reader-lost' }],
  'card-swapped': [{ screen: 'card-swapped' }],
  // Every reason before retrieval, and after it: deletion requested, then confirmed by the gateway.
  ended: DELETIONS.flatMap((deletion) => ENDINGS.map((reason) => ({ screen: 'ended', reason, deletion }) as const)),
  'returning-card': [
    ...DELETIONS.flatMap((deletion) => ENDINGS.map((reason) => ({ screen: 'returning-card', reason, deletion }) as const)),
    ...all<CardCallView>({ reminder: true, 'final-capture': true, 'final-staff': true }).map((call): Of<'returning-card'> => ({
      screen: 'returning-card',
      reason: 'cancelled',
      deletion: 'none',
      call,
    })),
  ],
  // Tries left (the card comes back and another is asked for), and the last try (the session ends).
  'wrong-card': [
    ...all<WrongCardView>({ 'not-my-number-card': true, smartphone: true, mute: true }).map((problem): Of<'wrong-card'> => ({
      screen: 'wrong-card',
      problem,
      triesLeft: 2,
      counter: STAFFED,
    })),
    { screen: 'wrong-card', problem: 'not-my-number-card', triesLeft: 1, counter: STAFFED },
    { screen: 'wrong-card', problem: 'not-my-number-card', triesLeft: 0, counter: STAFFED },
    { screen: 'wrong-card', problem: 'not-my-number-card', triesLeft: 0, counter: CLOSED },
  ],
  'card-left-behind': [
    { screen: 'card-left-behind', counter: STAFFED },
    { screen: 'card-left-behind', counter: CLOSED },
  ],
  'card-retained': [
    { screen: 'card-retained', counter: STAFFED },
    { screen: 'card-retained', counter: CLOSED },
  ],
};

/** Where the customer may still press 取消, as the kiosk core decides it: where it is a real choice. */
const CANCELLABLE: ReadonlySet<Screen> = new Set<Screen>([
  'top',
  'service-choice',
  'confirmation',
  'insert-card',
  'pin',
  'working',
  'review',
  'idle-warning',
  // before a card is in (閉じる goes back to the choice)
  'unavailable',
]);
const cancellable = (screen: ScreenView): boolean =>
  CANCELLABLE.has(screen.screen) ||
  (screen.screen === 'retrieval-error' && screen.retryable) ||
  // With tries left the session goes on: 取消 is the other way.
  (screen.screen === 'wrong-card' && screen.triesLeft > 0);

/** The counter a screen sends the customer to, where it does. */
const counterOf = (screen: ScreenView): CounterView | undefined => ('counter' in screen ? screen.counter : undefined);

export interface NamedView {
  /** For file names: the screen and its reason, problem or task, e.g. "27-card-error-expired". */
  readonly name: string;
  readonly view: ViewModel;
}

/** Every variant of every screen, in one language, the maintenance menu's pages after the customer's. */
export function everyScreen(language: Language): NamedView[] {
  const customer = Object.values(VARIANTS)
    .flat()
    .map((screen, index): NamedView => {
      const counter = counterOf(screen);
      const detail = [
        ...Object.entries(screen)
          .filter(([key]) => key === 'reason' || key === 'problem' || key === 'task' || key === 'deletion' || key === 'notice')
          .map(([, value]) => String(value)),
        ...('submission' in screen ? [screen.submission.status] : []),
        ...(counter && !counter.staffed ? ['counter-closed'] : []),
        ...('closed' in screen ? ['closed'] : []),
        ...('alternative' in screen ? ['alternative'] : []),
      ];
      return {
        name: [String(index).padStart(2, '0'), screen.screen, ...detail].join('-').replace(/[^\w-]+/g, '_'),
        view: { ...screen, language, canCancel: cancellable(screen), calendar: 'japanese' },
      };
    });
  const maintenance = everyMaintenancePage().map(({ name, view }): NamedView => ({
    name,
    view: { ...view, language, canCancel: false, calendar: 'japanese' },
  }));
  return [...customer, ...maintenance];
}
