// Every screen the renderer can be asked to draw, in each of its variants (every reason,
// problem and task), as the kiosk core would project them. The types make the list complete:
// a new screen or reason in the view model does not compile until it is added here.
import type { CardProblemView, ScreenView, ServiceChoice, ViewModel } from '../../electron/common/view-model.ts';
import type { Language } from '../../electron/common/ui-events.ts';
import { DEMO_SERVICES } from '../../electron/node/services/service-catalog.ts';
import { announcedItems } from '../../electron/node/session/session-services.ts';
import { STANDARD_KEYPAD, summarise } from '../../electron/node/session/session-view.ts';
import { itemsFromRecords } from '../../electron/devkit/reference-gateway/mynaportal-adapter.ts';
import { TEST_CARD_RECORDS } from '../../electron/devkit/reference-gateway/test-card-records.ts';
import { everyMaintenancePage } from './maintenance-variants.ts';

type Screen = ScreenView['screen'];
type Of<S extends Screen> = Extract<ScreenView, { screen: S }>;

/** The keys of a record that must name every member of a union. */
const all = <K extends string>(members: Record<K, true>): K[] => Object.keys(members) as K[];

const [housingService] = DEMO_SERVICES;
const [housing, cardLoan, pension] = DEMO_SERVICES.map(summarise) as [ServiceChoice, ServiceChoice, ServiceChoice];
const service = housing;
const NEXT = '2027-01-03T23:00:00.000Z'; // 令和9年1月4日 8:00 in Japan
// As the kiosk core passes them on: the service's announced items, once each (the gateway answers
// a 範囲指定 with every year's record; the review shows what the service asked for).
const ITEMS = housingService
  ? announcedItems(housingService, itemsFromRecords(housingService, TEST_CARD_RECORDS.default?.['地方税'] ?? []) ?? [])
  : undefined;
if (!ITEMS?.length) throw new Error('the default test card has no 地方税 items for the review screen');

const ENDINGS = all<Of<'ended'>['reason']>({ cancelled: true, declined: true, timeout: true, error: true });

const VARIANTS: { readonly [S in Screen]: readonly Of<S>[] } = {
  attract: [{ screen: 'attract' }],
  'out-of-service': [
    ...all<Of<'out-of-service'>['reason']>({
      'no-reader': true,
      'gateway-down': true,
      operator: true,
      'setup-fault': true,
      disconnected: true,
    }).map((reason) => ({ screen: 'out-of-service', reason }) as const),
    // What staff chose for customers to read (the maintenance menu, a failed self-test).
    ...all<NonNullable<Of<'out-of-service'>['notice']>>({ maintenance: true, 'closed-today': true, 'system-fault': true }).map(
      (notice) => ({ screen: 'out-of-service', reason: 'operator', notice }) as const,
    ),
  ],
  top: [{ screen: 'top' }],
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
  'insert-card': [{ screen: 'insert-card', service }],
  pin: [
    // With a number pad beside the screen (its hint shown), and without one.
    { screen: 'pin', digits: 0, triesLeft: 3, lastAttemptWrong: false, keypad: STANDARD_KEYPAD, physicalKeypad: true },
    { screen: 'pin', digits: 2, triesLeft: 1, lastAttemptWrong: true, keypad: [7, 3, 0, 9, 1, 5, 8, 2, 6, 4], physicalKeypad: false },
  ],
  working: all<Of<'working'>['task']>({
    'checking-service': true,
    'reading-card': true,
    authenticating: true,
    retrieving: true,
    'checking-card': true,
  }).map((task) => ({ screen: 'working', task })),
  review: [{ screen: 'review', service, items: ITEMS }],
  finishing: [
    { screen: 'finishing', sending: true, takeCard: false },
    { screen: 'finishing', sending: false, takeCard: true },
  ],
  complete: [
    { screen: 'complete', receiptId: 'RCPT-7F3A-91C2', queued: false, failed: false },
    { screen: 'complete', receiptId: undefined, queued: true, failed: false },
    { screen: 'complete', receiptId: undefined, queued: false, failed: true },
  ],
  'idle-warning': [{ screen: 'idle-warning', countdownSeconds: 20 }],
  unavailable: [
    { screen: 'unavailable', nextAvailableAt: NEXT },
    { screen: 'unavailable', nextAvailableAt: undefined },
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
  }).map((problem) => ({ screen: 'card-error', problem })),
  'pin-blocked': [{ screen: 'pin-blocked' }],
  'retrieval-error': all<Of<'retrieval-error'>['reason']>({ 'no-information': true, unavailable: true, timeout: true, gateway: true }).map(
    (reason) => ({ screen: 'retrieval-error', reason, retryable: reason !== 'no-information' }),
  ),
  'card-removed': [{ screen: 'card-removed' }],
  'card-swapped': [{ screen: 'card-swapped' }],
  // Every reason before retrieval, and after it (the notice that the information was deleted).
  ended: [false, true].flatMap((dataDeleted) => ENDINGS.map((reason) => ({ screen: 'ended', reason, dataDeleted }) as const)),
  'returning-card': [false, true].flatMap((dataDeleted) =>
    ENDINGS.map((reason) => ({ screen: 'returning-card', reason, dataDeleted }) as const),
  ),
  'card-left-behind': [{ screen: 'card-left-behind' }],
  'card-retained': [{ screen: 'card-retained' }],
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
  CANCELLABLE.has(screen.screen) || (screen.screen === 'retrieval-error' && screen.retryable);

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
      const detail = Object.entries(screen)
        .filter(([key]) => key === 'reason' || key === 'problem' || key === 'task' || key === 'notice')
        .map(([, value]) => String(value));
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
