// What each cell of the fault matrix must show, whatever the row: the card back with its
// customer (or kept, as designed), nothing personal left, a screen that says what happened,
// an audit record that names it, and the kiosk ready for the next customer.
import type { CellRun } from './cell.ts';

const READER_FAULTS = new Set(['pcscd-restart', 'reader-detached', 'service-crash']);
const isGatewayFault = (fault: string): boolean => fault.startsWith('gw-');

/** Screens a fault may add to what the row's own session shows (its baseline). */
function screensOf(fault: string): readonly string[] {
  if (fault === 'none') return [];
  if (fault === 'card-removed') return ['card-removed', 'ended'];
  if (fault === 'card-mute') return ['card-error'];
  if (READER_FAULTS.has(fault)) return ['reader-lost', 'out-of-service', 'returning-card'];
  if (isGatewayFault(fault)) return ['retrieval-error', 'out-of-service', 'returning-card', 'ended'];
  return ['returning-card', 'ended'];
}

/** The audit records that name the fault, where it changed the session. */
function namedBy(run: CellRun): ((record: string) => boolean) | undefined {
  const { fault, place } = run;
  const trail = run.trail.slice(1);
  if (fault === 'none') return undefined;
  if (fault === 'card-removed')
    return place === 'held'
      ? (record) => record === 'card-removed'
      : (record) => record === 'card-returned' || (run.row === 'screen:card-left-behind' && record === 'card-left-behind');
  if (fault === 'card-mute') return trail.includes('card-error') ? (record) => record === 'card-rejected:unresponsive' : undefined;
  if (READER_FAULTS.has(fault)) return (record) => record === 'reader-unavailable';
  // A kiosk locked over a card left behind turns customers away already (out of service until
  // staff confirm): a gateway failing meanwhile changes no session, and is not its reason.
  if (isGatewayFault(fault) && run.row === 'screen:card-left-behind') return undefined;
  if (isGatewayFault(fault))
    return (record) => record.startsWith('retrieval-failed') || record === 'submission-queued' || record === 'out-of-service:gateway-down';
  return (record) => record === 'screen-lost';
}

/** What went wrong in a cell; empty when it did what it must. `baseline`: the row's screens without a fault. */
export function problemsOf(run: CellRun, baseline: readonly string[]): string[] {
  if (run.notApplicable) return [];
  const problems: string[] = [];
  const fail = (what: string): void => void problems.push(what);
  const { fault, place } = run;
  // What the fault led to: the screens after the one it struck on.
  const trail = run.trail.slice(1);
  const views = run.views.slice(1);

  if (!run.customerDone) fail(`the customer was still held (${run.card})`);
  const fates = new Set<string>(place === 'not-in-reader' ? ['never-in', 'returned', 'pulled-out'] : ['returned']);
  if (fault === 'card-removed') fates.add('pulled-out');
  if (run.row === 'screen:card-left-behind') fates.add('left-behind');
  if (!fates.has(run.card)) fail(`card ${run.card}`);

  const allowed = new Set([...baseline, ...screensOf(fault)]);
  // Progress screens are never a problem in themselves (a retry passes through them).
  const strange = trail.filter((screen) => !allowed.has(screen) && !screen.startsWith('working:'));
  if (strange.length > 0) fail(`showed ${[...new Set(strange)].join(', ')}`);
  if (place === 'held' && fault === 'card-removed' && !trail.includes('card-removed')) fail('not told the card was removed');
  if (place === 'held' && READER_FAULTS.has(fault) && !trail.includes('reader-lost')) fail('not told the reader was lost');
  for (const view of views)
    if (view.screen === 'card-error' && fault === 'card-mute' && view.problem !== 'unresponsive') fail(`card error ${view.problem}`);
  if (fault === 'renderer-lost' && run.appReloaded !== true) fail('the app was not reloaded');
  if (isGatewayFault(fault) && !run.noticed) fail('not out of service while the gateway failed');

  const named = namedBy(run);
  if (named && !run.audit.some(named)) fail(`no audit record names it (${run.audit.join(', ')})`);
  if (run.audit.filter((record) => record === 'card-returned').length > 1) fail('card-returned recorded twice');
  // The lock over a card left behind is a time out of service of its own, before any other.
  const episodes = run.row === 'screen:card-left-behind' ? 2 : 1;
  if (run.audit.filter((record) => record.startsWith('out-of-service')).length > episodes) fail('in and out of service more than once');

  if (run.outbox !== 0) fail(`${String(run.outbox)} submission(s) left in the outbox`);
  if (run.delivered !== (run.consentGiven ? 1 : 0))
    fail(`${String(run.delivered)} submission(s) delivered, consent ${String(run.consentGiven)}`);
  if (run.heldRetrievals !== 0) fail('a retrieval left at the gateway');
  if (!run.readyAgain) fail('not ready again');
  else if (!run.nextCustomerServed) fail('the next customer was not served');
  return problems;
}

/** The screens of a session going as it should: the first one of any other says what happened. */
const ON_THE_WAY = new Set(['top', 'service-choice', 'confirmation', 'insert-card', 'pin', 'review', 'idle-warning', 'finishing']);

/** One cell of the table: where the card went, and the screen that told the customer. */
export function summaryOf(run: CellRun, problems: readonly string[]): string {
  if (run.notApplicable) return '—';
  if (problems.length > 0) return 'FAIL';
  const told = run.trail.slice(1).find((screen) => !ON_THE_WAY.has(screen) && !screen.startsWith('working:')) ?? run.trail[0] ?? '?';
  const card = run.card === 'never-in' ? 'kept' : run.card;
  const sent = run.consentGiven ? (run.audit.includes('submission-queued') ? ' · queued→sent' : ' · sent') : '';
  return `${card} · ${told}${sent}`;
}
