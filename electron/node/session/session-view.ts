// Projects the session's snapshot onto the one screen the customer sees. Only this module
// decides what leaves the kiosk core for the renderer.
import type { Calendar, ServiceSummary, ScreenView, ViewModel } from '../../common/view-model.ts';
import type { Service } from '../services/service-catalog.ts';
import type { SnapshotFrom } from 'xstate';
import type { SessionMachine } from './session-machine.ts';

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
  /** Availability per service id, for the service choice; unknown services show as available. */
  readonly availability: (serviceId: string) => { readonly available: boolean; readonly nextAvailableAt: string | undefined };
}

const ALWAYS_AVAILABLE: Presentation['availability'] = () => ({ available: true, nextAvailableAt: undefined });

export const STANDARD_KEYPAD: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];

function screenOf(snapshot: Snapshot, services: readonly Service[], presentation: Presentation): ScreenView {
  const { context } = snapshot;
  const service = services.find((candidate) => candidate.id === context.serviceId);
  const chosen = service ? summarise(service) : undefined;
  const at = (path: string): boolean => snapshot.matches(path as never);

  if (at('attract')) return { screen: 'attract' };
  if (at('outOfService')) {
    return {
      screen: 'out-of-service',
      reason: !context.operatorEnabled ? 'operator' : !context.readerAvailable ? 'no-reader' : 'gateway-down',
    };
  }
  if (at('customer.top')) return { screen: 'top' };
  if (at('customer.serviceChoice')) {
    return {
      screen: 'service-choice',
      services: services.map((candidate) => ({ ...summarise(candidate), ...presentation.availability(candidate.id) })),
    };
  }
  if (at('customer.checkingService')) return { screen: 'working', task: 'checking-service' };
  if (at('customer.confirmation') && chosen) return { screen: 'confirmation', service: chosen };
  if (at('customer.insertCard') && chosen) return { screen: 'insert-card', service: chosen };
  if (at('customer.readingCard')) return { screen: 'working', task: 'reading-card' };
  if (at('customer.pinEntry')) {
    return {
      screen: 'pin',
      digits: context.pinLength,
      triesLeft: context.pinTriesLeft,
      lastAttemptWrong: context.lastPinWrong,
      keypad: presentation.keypad,
    };
  }
  if (at('customer.authenticating')) return { screen: 'working', task: 'authenticating' };
  if (at('customer.retrieving')) return { screen: 'working', task: 'retrieving' };
  if (at('customer.review') && chosen) return { screen: 'review', service: chosen, items: context.items ?? [] };
  if (at('customer.checkingCard')) return { screen: 'working', task: 'checking-card' };
  if (at('idleWarning')) return { screen: 'idle-warning', countdownSeconds: presentation.idleCountdownSeconds };
  if (at('unavailable')) return { screen: 'unavailable', nextAvailableAt: context.nextAvailableAt };
  if (at('cardError')) return { screen: 'card-error', problem: context.cardProblem ?? 'mute' };
  if (at('pinBlocked')) return { screen: 'pin-blocked' };
  if (at('retrievalError'))
    return {
      screen: 'retrieval-error',
      reason: context.retrievalProblem?.reason ?? 'gateway',
      retryable: context.retrievalProblem?.retryable ?? false,
    };
  if (at('cardRemoved')) return { screen: 'card-removed' };
  if (at('cardSwapped')) return { screen: 'card-swapped' };
  if (at('finishing')) {
    return { screen: 'finishing', sending: at('finishing.submission.sending'), takeCard: !at('finishing.card.done') };
  }
  if (at('complete'))
    return { screen: 'complete', receiptId: context.receiptId, queued: context.submissionQueued, failed: context.submissionFailed };
  // Every end before consent deletes what was obtained: said wherever something was.
  if (at('returningCard')) return { screen: 'returning-card', reason: context.endReason ?? 'error', dataDeleted: context.dataRetrieved };
  if (at('cardLeftBehind')) return { screen: 'card-left-behind' };
  if (at('cardRetained')) return { screen: 'card-retained' };
  if (at('ended')) return { screen: 'ended', reason: context.endReason ?? 'error', dataDeleted: context.dataRetrieved };
  // A state this projection does not know is a bug; fail safe to a screen with no data.
  return { screen: 'out-of-service', reason: 'operator' };
}

/**
 * Where 取消 is a real choice. Not on notices whose one button already ends the session
 * (card error, PIN blocked, card removed or swapped, a retrieval error with no retry, the
 * unavailable screen once a card is in): there it would only repeat that button.
 */
function cancellable(snapshot: Snapshot): boolean {
  const { context } = snapshot;
  const at = (path: string): boolean => snapshot.matches(path as never);
  if (at('customer') || at('idleWarning')) return true;
  // Before a card, 閉じる goes back to the service choice and 取消 ends.
  if (at('unavailable')) return !context.cardAccepted && !context.cardPresent;
  if (at('retrievalError')) return context.retrievalProblem?.retryable ?? false;
  return false;
}

export function viewOf(
  snapshot: Snapshot,
  services: readonly Service[],
  presentation: Presentation = { calendar: 'japanese', keypad: STANDARD_KEYPAD, idleCountdownSeconds: 20, availability: ALWAYS_AVAILABLE },
): ViewModel {
  const canCancel = cancellable(snapshot);
  return { ...screenOf(snapshot, services, presentation), language: snapshot.context.language, canCancel, calendar: presentation.calendar };
}
