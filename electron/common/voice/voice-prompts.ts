// Which scripts the kiosk says on each screen (音声案内), from the view the screen draws.
// The first prompt of every screen is the screen's own script, named after its screen tag
// (screen:card-error → card-error.<problem>, screen:working:retrieving → working.retrieving);
// then what is live on it (the PIN's digit count, the receipt slip). In assisted mode with a
// number pad, each screen also says which keys do what.
import type { CardCallView, DeletionView, ScreenView, ServiceSummary, SlipView, SubmissionView, ViewModel } from '../view-model.ts';
import { isScriptId, type ScriptId } from './voice-scripts.ts';

export interface Voice {
  /** Said on arriving at the screen (then `live`), and again on the repeat key. */
  readonly prompts: readonly ScriptId[];
  /** What changes while the screen stays (the PIN's digit count, the slip): said alone when it changes. */
  readonly live: readonly ScriptId[];
  /** Said again every so often while the screen waits for the customer (a card at the slot). */
  readonly remind: boolean;
}

type Of<S extends ScreenView['screen']> = Extract<ScreenView, { screen: S }>;

/** `keys`: assisted mode on a terminal with a number pad, so the keys are named. */
type Speak<S extends ScreenView['screen']> = (view: Of<S>, keys: boolean) => Omit<Voice, 'remind'> & { remind?: boolean };

const only = (ids: readonly string[]): ScriptId[] => ids.filter(isScriptId);
const withKeys = (keys: boolean, ...ids: ScriptId[]): ScriptId[] => (keys ? ids : []);

/** A service's name as said; a service without a script of its own is not named (see README). */
const serviceName = (service: ServiceSummary): ScriptId[] => only([`service.${service.id}`]);

/** The receipt number one character at a time. */
const spelt = (receiptId: string): ScriptId[] => only(Array.from(receiptId.matchAll(/./gu), ([char]) => `spell.${char}`));

const SLIP: Readonly<Record<SlipView, ScriptId>> = {
  printing: 'slip.printing',
  printed: 'slip.printed',
  failed: 'slip.failed',
  none: 'slip.none',
};

/** Deleted only once the gateway confirmed it; until then, that deletion was asked for. */
const DELETION: Readonly<Record<DeletionView, readonly ScriptId[]>> = {
  none: [],
  requested: ['data-deletion-requested'],
  confirmed: ['data-deleted'],
};

/** What became of the submission, as true as the screen: delivered, still being sent, or not provided. */
function submissionSaid(submission: SubmissionView): ScriptId[] {
  switch (submission.status) {
    case 'delivered':
      return ['complete', 'complete.receipt', ...spelt(submission.receiptId), 'complete.receipt-end'];
    case 'sending':
      return ['complete.sending', 'complete.reference', ...spelt(submission.reference), 'complete.reference-end'];
    case 'failed':
      return ['complete.failed'];
  }
}

/** A returned card that waits: called again, then warned of what the reader will do with it. */
const TAKE_CARD_CALL: Readonly<Record<CardCallView, ScriptId>> = {
  reminder: 'finishing.take-card.reminder',
  'final-capture': 'finishing.take-card.final-capture',
  'final-staff': 'finishing.take-card.final-staff',
};
const RETURNING_CARD_CALL: Readonly<Record<CardCallView, ScriptId>> = {
  reminder: 'returning-card.reminder',
  'final-capture': 'returning-card.final-capture',
  'final-staff': 'returning-card.final-staff',
};

/** Only what the reader confirmed: captured, or still at a slot that cannot capture it. */
const CARD_NOT_TAKEN: Readonly<Record<'retained' | 'left-behind', ScriptId>> = {
  retained: 'complete.card-retained',
  'left-behind': 'complete.card-left-behind',
};

const PIN_DIGITS: readonly ScriptId[] = ['pin.digits.0', 'pin.digits.1', 'pin.digits.2', 'pin.digits.3', 'pin.digits.4'];

/** Tries left as said: the warning on the last try, the count before it. */
function triesLeft(tries: number | undefined): ScriptId[] {
  if (tries === 1) return ['pin.last-try'];
  return only(tries === undefined ? [] : [`pin.tries-left.${String(tries)}`]);
}

const SCREENS: { readonly [S in ScreenView['screen']]: Speak<S> } = {
  attract: (view, keys) => ({ prompts: [view.closed ? 'attract.closed' : 'attract', ...withKeys(keys, 'keys.attract')], live: [] }),
  // Out of service by staff: the notice they chose, as the screen shows it (点検中 is the operator's own script).
  'out-of-service': (view) => ({
    prompts: [view.notice && view.notice !== 'maintenance' ? `out-of-service.${view.notice}` : `out-of-service.${view.reason}`],
    live: [],
  }),
  top: (view, keys) => ({ prompts: ['top', ...(view.closed ? (['closed'] as const) : []), ...withKeys(keys, 'keys.top')], live: [] }),
  'service-choice': (view, keys) => ({
    prompts: [
      'service-choice',
      ...withKeys(keys, 'keys.service-choice'),
      ...view.services.flatMap((service, i) => [
        ...(keys ? only([`choice.${String(i + 1)}`]) : []),
        ...serviceName(service),
        ...(service.available ? [] : (['service.unavailable'] as const)),
      ]),
    ],
    live: [],
  }),
  confirmation: (view, keys) => ({
    prompts: [
      'confirmation',
      ...serviceName(view.service),
      ...only([`service.${view.service.id}.terms`]),
      ...withKeys(keys, 'keys.confirmation'),
    ],
    live: [],
  }),
  'insert-card': () => ({ prompts: ['insert-card'], live: [] }),
  pin: (view, keys) => ({
    prompts: [
      'pin',
      ...(view.lastAttemptWrong ? (['pin.wrong'] as const) : []),
      ...triesLeft(view.triesLeft),
      ...withKeys(keys, 'keys.pin'),
    ],
    live: only([PIN_DIGITS[view.digits] ?? '']),
  }),
  working: (view) => ({ prompts: [`working.${view.task}`], live: [] }),
  review: (view, keys) => ({
    prompts: ['review', ...only([`service.${view.service.id}.terms`]), ...withKeys(keys, 'keys.review')],
    live: [],
  }),
  finishing: (view, keys) =>
    view.takeCard
      ? {
          prompts: [view.call ? TAKE_CARD_CALL[view.call] : 'finishing.take-card', ...withKeys(keys, 'keys.take-card')],
          live: [],
          remind: true,
        }
      : { prompts: ['finishing.sending'], live: [] },
  // A card not taken is said before anything else, the thanks included.
  complete: (view, keys) => ({
    prompts: [...(view.card ? [CARD_NOT_TAKEN[view.card]] : []), ...submissionSaid(view.submission), ...withKeys(keys, 'keys.close')],
    live: view.slip ? [SLIP[view.slip]] : [],
  }),
  'idle-warning': (_, keys) => ({ prompts: ['idle-warning', ...withKeys(keys, 'keys.idle-warning')], live: [] }),
  unavailable: (_, keys) => ({ prompts: ['unavailable', ...withKeys(keys, 'keys.close')], live: [] }),
  'card-error': (view, keys) => ({ prompts: [`card-error.${view.problem}`, ...withKeys(keys, 'keys.close')], live: [] }),
  'pin-blocked': (view, keys) => ({
    prompts: ['pin-blocked', ...(view.alternative ? (['pin-blocked.alternative'] as const) : []), ...withKeys(keys, 'keys.close')],
    live: [],
  }),
  'retrieval-error': (view, keys) => ({
    prompts: [`retrieval-error.${view.reason}`, ...withKeys(keys, view.retryable ? 'keys.retry' : 'keys.close')],
    live: [],
  }),
  'card-removed': (_, keys) => ({ prompts: ['card-removed', ...withKeys(keys, 'keys.close')], live: [] }),
  'card-swapped': (_, keys) => ({ prompts: ['card-swapped', ...withKeys(keys, 'keys.close')], live: [] }),
  'reader-lost': (_, keys) => ({ prompts: ['reader-lost', ...withKeys(keys, 'keys.take-card')], live: [], remind: true }),
  ended: (view, keys) => ({
    prompts: [`ended.${view.reason}`, ...DELETION[view.deletion], ...withKeys(keys, 'keys.close')],
    live: [],
  }),
  // The card comes first: what to do now, then why the session ended.
  'returning-card': (view, keys) => ({
    prompts: [
      view.call ? RETURNING_CARD_CALL[view.call] : 'returning-card',
      `ended.${view.reason}`,
      ...DELETION[view.deletion],
      ...withKeys(keys, 'keys.take-card'),
    ],
    live: [],
    remind: true,
  }),
  // The card first: what to do now; then why, and what comes next.
  'wrong-card': (view, keys) => ({
    prompts:
      view.triesLeft > 0
        ? [`wrong-card.${view.problem}`, 'wrong-card.again', ...withKeys(keys, 'keys.take-card')]
        : [`wrong-card.${view.problem}`, 'wrong-card.limit', ...withKeys(keys, 'keys.close')],
    live: [],
    remind: view.triesLeft > 0,
  }),
  'card-left-behind': () => ({ prompts: ['card-left-behind'], live: [] }),
  'card-retained': (_, keys) => ({ prompts: ['card-retained', ...withKeys(keys, 'keys.close')], live: [] }),
};

/** What the kiosk says on this view. */
const SILENT: Voice = { prompts: [], live: [], remind: false };

export function voiceOf(view: ViewModel): Voice {
  // The maintenance menu is staff's, read on the screen: the voice is for customers (and a
  // customer waiting nearby should not hear what staff do), so it stays silent there.
  if (view.screen === 'maintenance') return SILENT;
  const keys = view.access !== undefined && view.access.assisted && view.access.keypad;
  const speak = SCREENS[view.screen] as Speak<ScreenView['screen']>;
  const { prompts, live, remind = false } = speak(view, keys);
  return { prompts, live, remind };
}

/**
 * The script id that names a screen tag (screen:working:retrieving → working.retrieving): every
 * screen's first prompt is this or one of its variants (this followed by a dot).
 */
export const screenScriptBase = (screenTag: string): string => screenTag.replace(/^screen:/, '').replaceAll(':', '.');
