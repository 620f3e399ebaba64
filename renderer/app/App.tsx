// The whole renderer: the current view from the kiosk core, drawn as its screen. It keeps no
// state of its own but what is on screen.
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { KioskBridge } from '../../electron/common/bridge.ts';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import * as end from '../screens/end-screens.tsx';
import * as flow from '../screens/flow-screens.tsx';
import { PinScreen } from '../screens/PinScreen.tsx';
import { ReviewScreen } from '../screens/ReviewScreen.tsx';
import { WrongCardScreen } from '../screens/WrongCardScreen.tsx';
import { useKeypad } from '../keypad/use-keypad.ts';
import { VoiceGuide } from '../voice/VoiceGuide.tsx';
import { MenuUnavailable } from './MenuUnavailable.tsx';

// Staff-only: loaded when the menu first opens, so no customer's screen loads (or waits for) it.
const MaintenanceScreen = lazy(() =>
  import('../maintenance/MaintenanceScreen.tsx').then(
    (module) => ({ default: module.MaintenanceScreen }),
    () => ({ default: MenuUnavailable }),
  ),
);

/** The latest view, as an external store for React. */
function viewStore(bridge: KioskBridge): { subscribe: (notify: () => void) => () => void; get: () => ViewModel | undefined } {
  let current: ViewModel | undefined;
  return {
    subscribe: (notify) =>
      bridge.subscribe((view) => {
        current = view;
        notify();
      }),
    get: () => current,
  };
}

function useView(bridge: KioskBridge): ViewModel | undefined {
  const store = useMemo(() => viewStore(bridge), [bridge]);
  return useSyncExternalStore(store.subscribe, store.get);
}

export function Screen({ view, send }: { view: ViewModel; send: (event: UiEvent) => void }) {
  switch (view.screen) {
    case 'attract':
      return <flow.AttractScreen view={view} send={send} />;
    case 'top':
      return <flow.TopScreen view={view} send={send} />;
    case 'service-choice':
      return <flow.ServiceChoiceScreen view={view} send={send} />;
    case 'confirmation':
      return <flow.ConfirmationScreen view={view} send={send} />;
    case 'insert-card':
      return <flow.InsertCardScreen view={view} send={send} />;
    case 'working':
      return <flow.WorkingScreen view={view} send={send} />;
    case 'pin':
      return <PinScreen view={view} send={send} />;
    case 'review':
      return <ReviewScreen view={view} send={send} />;
    case 'finishing':
      return <end.FinishingScreen view={view} send={send} />;
    case 'complete':
      return <end.CompleteScreen view={view} send={send} />;
    case 'idle-warning':
      return <end.IdleWarningScreen view={view} send={send} />;
    case 'unavailable':
      return <end.UnavailableScreen view={view} send={send} />;
    case 'card-error':
      return <end.CardErrorScreen view={view} send={send} />;
    case 'pin-blocked':
      return <end.PinBlockedScreen view={view} send={send} />;
    case 'retrieval-error':
      return <end.RetrievalErrorScreen view={view} send={send} />;
    case 'card-removed':
      return <end.CardRemovedScreen view={view} send={send} />;
    case 'reader-lost':
      return <end.ReaderLostScreen view={view} send={send} />;
    case 'card-swapped':
      return <end.CardSwappedScreen view={view} send={send} />;
    case 'ended':
      return <end.EndedScreen view={view} send={send} />;
    case 'returning-card':
      return <end.ReturningCardScreen view={view} send={send} />;
    case 'card-left-behind':
      return <end.CardLeftBehindScreen view={view} send={send} />;
    case 'card-retained':
      return <end.CardRetainedScreen view={view} send={send} />;
    case 'out-of-service':
      return <end.OutOfServiceScreen view={view} send={send} />;
    case 'wrong-card':
      return <WrongCardScreen view={view} send={send} />;
    case 'maintenance':
      return (
        <Suspense fallback={<div className="frame" aria-busy="true" />}>
          <MaintenanceScreen view={view} send={send} />
        </Suspense>
      );
  }
}

export function App({ bridge }: { bridge: KioskBridge }) {
  const view = useView(bridge);
  const send = useCallback((event: UiEvent) => bridge.send(event), [bridge]);
  // Any touch tells the core the customer is still there (scrolling the review table, say).
  useEffect(() => {
    const onTouch = (): void => bridge.send({ type: 'ACTIVITY' });
    window.addEventListener('pointerdown', onTouch, { capture: true });
    return () => window.removeEventListener('pointerdown', onTouch, { capture: true });
  }, [bridge]);
  // The repeat key: the voice says the screen again.
  const [repeats, setRepeats] = useState(0);
  const repeat = useCallback(() => setRepeats((count) => count + 1), []);
  useKeypad(view, send, repeat);
  // The customer's display modes, for the whole page (the stylesheet keys on them).
  // (A customer's: the staff-only maintenance menu is always drawn without them.)
  const access = view?.screen === 'maintenance' ? undefined : view?.access;
  const largeText = access?.largeText ?? false;
  const highContrast = access?.highContrast ?? false;
  useLayoutEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
    document.documentElement.classList.toggle('high-contrast', highContrast);
  }, [largeText, highContrast]);
  // Every new screen is announced by its heading: focus moves there, as a screen reader expects.
  const screen = view?.screen;
  useLayoutEffect(() => {
    document.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [screen]);
  if (!view) return <div className="frame" aria-busy="true" />;
  // A new key per screen (per page of the maintenance menu): nothing of one (e.g. the review table) survives into the next.
  return (
    <>
      <Screen key={view.screen === 'maintenance' ? `maintenance-${view.page}` : view.screen} view={view} send={send} />
      <VoiceGuide view={view} repeat={repeats} />
    </>
  );
}
