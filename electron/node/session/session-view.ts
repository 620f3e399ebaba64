// Projects the session's snapshot onto the one screen the customer sees. Only this module
// decides what leaves the kiosk core for the renderer.
import type {
  Calendar,
  CardCallView,
  ClosedView,
  CounterView,
  DeletionView,
  ServiceSummary,
  ScreenView,
  SubmissionView,
  ViewModel,
  WrongCardView,
} from '../../common/view-model.ts';
import type { LocalizedText } from '../../common/income-items.ts';
import type { Service } from '../services/service-catalog.ts';
import type { SnapshotFrom } from 'xstate';
import { outOfServiceReason, type SessionMachine } from './session-machine.ts';
import type { ScreenTag } from './session-types.ts';

type Snapshot = SnapshotFrom<SessionMachine>;

export function summarise(service: Service): ServiceSummary {
  return {
    id: service.id,
    name: service.name,
    recipient: service.recipient,
    purpose: service.purpose,
    itemLabels: service.items.map((item) => item.label),
    retention: service.retention,
  };
}

export interface Presentation {
  readonly calendar: Calendar;
  readonly keypad: readonly number[];
  readonly idleCountdownSeconds: number;
  /** The terminal has a number pad of its own (config display.physicalKeypad). */
  readonly physicalKeypad?: boolean;
  /** Availability per service id, for the service choice; unknown services show as available. */
  readonly availability: (serviceId: string) => { readonly available: boolean; readonly nextAvailableAt: string | undefined };
  /** Whether staff are at the counter now, for the screens that would send the customer there. */
  readonly counter: () => CounterView;
  /** The reader draws the card in and holds it (motorised), or it stays in the customer's reach (desk). */
  readonly readerHoldsCard: boolean;
  /** What the bank offers a customer whose PIN is blocked instead (config pinBlockedAlternative). */
  readonly pinBlockedAlternative?: LocalizedText | undefined;
}

const ALWAYS_AVAILABLE: Presentation['availability'] = () => ({ available: true, nextAvailableAt: undefined });
const ALWAYS_STAFFED: Presentation['counter'] = () => ({ staffed: true });

export const STANDARD_KEYPAD: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];

type ScreenOf<T extends ScreenTag> = T extends `screen:working:${string}` ? 'working' : T extends `screen:${infer S}` ? S : never;

interface Shown {
  readonly snapshot: Snapshot;
  readonly context: Snapshot['context'];
  /** The service chosen, if any: the screens that name it are not drawn without it. */
  readonly chosen: ServiceSummary | undefined;
  readonly services: readonly Service[];
  readonly presentation: Presentation;
}

/** Each screen tag's screen (the compiler checks that every tag has one, and of its kind). */
const SCREENS: { readonly [T in ScreenTag]: (shown: Shown) => Extract<ScreenView, { screen: ScreenOf<T> }> | undefined } = {
  'screen:attract': (shown) => ({ screen: 'attract', ...closedOf(shown) }),
  'screen:out-of-service': ({ context, presentation }) => ({
    screen: 'out-of-service',
    reason: outOfServiceReason(context),
    counter: presentation.counter(),
  }),
  'screen:top': (shown) => ({ screen: 'top', ...closedOf(shown) }),
  'screen:service-choice': ({ services, presentation }) => ({
    screen: 'service-choice',
    services: services.map((candidate) => ({ ...summarise(candidate), ...presentation.availability(candidate.id) })),
  }),
  'screen:working:checking-service': () => ({ screen: 'working', task: 'checking-service' }),
  'screen:confirmation': ({ chosen }) => chosen && { screen: 'confirmation', service: chosen },
  'screen:insert-card': ({ chosen, presentation }) =>
    chosen && { screen: 'insert-card', service: chosen, readerHoldsCard: presentation.readerHoldsCard },
  'screen:working:reading-card': () => ({ screen: 'working', task: 'reading-card' }),
  'screen:pin': ({ context, chosen, presentation }) =>
    chosen && {
      screen: 'pin',
      serviceName: chosen.name,
      digits: context.pinLength,
      triesLeft: context.pinTriesLeft,
      lastAttemptWrong: context.lastPinWrong,
      keypad: presentation.keypad,
    },
  'screen:working:authenticating': () => ({ screen: 'working', task: 'authenticating' }),
  'screen:working:retrieving': () => ({ screen: 'working', task: 'retrieving' }),
  'screen:review': ({ context, chosen }) => chosen && { screen: 'review', service: chosen, items: context.items ?? [] },
  'screen:working:checking-card': () => ({ screen: 'working', task: 'checking-card' }),
  'screen:idle-warning': ({ presentation }) => ({ screen: 'idle-warning', countdownSeconds: presentation.idleCountdownSeconds }),
  'screen:unavailable': ({ context, presentation }) => ({
    screen: 'unavailable',
    nextAvailableAt: context.nextAvailableAt,
    counter: presentation.counter(),
  }),
  'screen:card-error': ({ context, presentation }) => ({
    screen: 'card-error',
    problem: context.cardProblem ?? 'mute',
    counter: presentation.counter(),
  }),
  'screen:pin-blocked': ({ presentation: { pinBlockedAlternative: alternative } }) => ({
    screen: 'pin-blocked',
    ...(alternative ? { alternative } : {}),
  }),
  'screen:retrieval-error': ({ context, presentation }) => ({
    screen: 'retrieval-error',
    reason: context.retrievalProblem?.reason ?? 'gateway',
    retryable: context.retrievalProblem?.retryable ?? false,
    counter: presentation.counter(),
  }),
  'screen:card-removed': () => ({ screen: 'card-removed' }),
  'screen:reader-lost': () => ({ screen: 'reader-lost' }),
  'screen:card-swapped': () => ({ screen: 'card-swapped' }),
  'screen:finishing': ({ snapshot, presentation }) => ({
    screen: 'finishing',
    sending: snapshot.hasTag('submitting'),
    takeCard: snapshot.hasTag('card-out'),
    ...callOf(snapshot, presentation),
  }),
  'screen:complete': ({ context, presentation }) => ({
    screen: 'complete',
    submission: submissionOf(context.submission),
    counter: presentation.counter(),
    ...(context.printer ? { slip: context.slip } : {}),
    // Only what the reader confirmed: captured, or (a desk reader, a full retain unit) still at the slot.
    ...(context.cardRetained ? { card: 'retained' } : context.cardLeftBehind ? { card: 'left-behind' } : {}),
  }),
  // Every end before consent deletes what was obtained: said wherever something was.
  'screen:returning-card': ({ snapshot, context, presentation }) => ({
    screen: 'returning-card',
    reason: context.endReason ?? 'error',
    deletion: deletionOf(context),
    ...callOf(snapshot, presentation),
  }),
  'screen:wrong-card': ({ context, presentation }) => ({
    screen: 'wrong-card',
    problem: wrongCardOf(context.cardProblem),
    triesLeft: Math.max(0, context.wrongCardTries - context.wrongCards),
    counter: presentation.counter(),
  }),
  'screen:card-left-behind': ({ presentation }) => ({ screen: 'card-left-behind', counter: presentation.counter() }),
  'screen:card-retained': ({ presentation }) => ({ screen: 'card-retained', counter: presentation.counter() }),
  'screen:ended': ({ context }) => ({ screen: 'ended', reason: context.endReason ?? 'error', deletion: deletionOf(context) }),
};

/** How long a returned card has waited: the final warning says what the reader will do with it. */
function callOf(snapshot: Snapshot, presentation: Presentation): { call?: CardCallView } {
  if (snapshot.hasTag('card-last-call')) return { call: presentation.readerHoldsCard ? 'final-capture' : 'final-staff' };
  return snapshot.hasTag('card-reminded') ? { call: 'reminder' } : {};
}

const wrongCardOf = (problem: Snapshot['context']['cardProblem']): WrongCardView =>
  problem === 'not-my-number-card' || problem === 'smartphone' ? problem : 'mute';

/** Closed when no service can retrieve now; it reopens when the first of them can again. */
function closedOf({ services, presentation }: Shown): { closed?: ClosedView } {
  const availability = services.map((service) => presentation.availability(service.id));
  if (availability.length === 0 || availability.some((service) => service.available)) return {};
  const reopensAt = availability
    .flatMap((service) => (service.nextAvailableAt ? [service.nextAvailableAt] : []))
    .reduce<string | undefined>((first, at) => (first === undefined || Date.parse(at) < Date.parse(first) ? at : first), undefined);
  return { closed: { reopensAt } };
}

/** Only the bank's acknowledgement is "delivered"; a submission still on its way is said to be so, with until when. */
function submissionOf(outcome: Snapshot['context']['submission']): SubmissionView {
  if (outcome?.kind === 'delivered') return { status: 'delivered', receiptId: outcome.receiptId };
  if (outcome?.kind === 'queued') return { status: 'sending', reference: outcome.reference, until: outcome.until };
  return { status: 'failed' };
}

/** "Deleted" only once the gateway confirmed it; until then, that deletion has been requested. */
function deletionOf(context: Snapshot['context']): DeletionView {
  if (!context.dataRetrieved) return 'none';
  return context.retrievalId !== undefined && context.retrievalDeleted === context.retrievalId ? 'confirmed' : 'requested';
}

/** Every screen the view can draw. (The keys of a record typed by ScreenTag are exactly the screen tags.) */
export const SCREEN_TAGS: readonly ScreenTag[] = Object.keys(SCREENS) as ScreenTag[];

/** The screen tags of the snapshot: exactly one in every state the machine can reach (see the model test). */
export const screenTagsOf = (snapshot: Snapshot): ScreenTag[] => SCREEN_TAGS.filter((tag) => snapshot.hasTag(tag));

/** Out of service, with no data: what a state without a screen of its own would show. */
const NO_SCREEN: ScreenView = { screen: 'out-of-service', reason: 'operator' };

/**
 * What the screen shows. The model test proves that every reachable state names exactly one
 * screen, with the service it needs; should that ever fail, the kiosk shows no data.
 */
function screenOf(snapshot: Snapshot, services: readonly Service[], presentation: Presentation): ScreenView {
  const { context } = snapshot;
  const service = services.find((candidate) => candidate.id === context.serviceId);
  const [tag] = screenTagsOf(snapshot);
  const shown = tag && SCREENS[tag]({ snapshot, context, chosen: service && summarise(service), services, presentation });
  return shown ?? NO_SCREEN;
}

/**
 * Where 取消 is a real choice. Not on notices whose one button already ends the session
 * (card error, PIN blocked, card removed or swapped, a retrieval error with no retry, the
 * unavailable screen once a card is in): there it would only repeat that button.
 */
function cancellable(snapshot: Snapshot): boolean {
  const { context } = snapshot;
  if (!snapshot.hasTag('cancellable')) return false;
  if (!snapshot.hasTag('notice')) return true;
  // Before a card, 閉じる goes back to the service choice and 取消 ends.
  if (snapshot.hasTag('screen:unavailable')) return !context.cardAccepted && !context.cardPresent;
  // もう一度試す is the other way.
  if (snapshot.hasTag('screen:retrieval-error')) return context.retrievalProblem?.retryable ?? false;
  return false;
}

export function viewOf(
  snapshot: Snapshot,
  services: readonly Service[],
  presentation: Presentation = {
    calendar: 'japanese',
    keypad: STANDARD_KEYPAD,
    idleCountdownSeconds: 20,
    availability: ALWAYS_AVAILABLE,
    counter: ALWAYS_STAFFED,
    readerHoldsCard: true,
  },
): ViewModel {
  const canCancel = cancellable(snapshot);
  const { context } = snapshot;
  return {
    ...screenOf(snapshot, services, presentation),
    language: context.language,
    canCancel,
    calendar: presentation.calendar,
    access: {
      ...context.access,
      audio: context.headsetPlugged ? 'headset' : 'speaker',
      keypad: presentation.physicalKeypad ?? false,
    },
  };
}
