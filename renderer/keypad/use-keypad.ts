// Listens to the number pad for the whole screen (see keypad.ts).
import { useEffect } from 'react';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { keyAction } from './keypad.ts';

export function useKeypad(view: ViewModel | undefined, send: (event: UiEvent) => void, repeat: () => void): void {
  useEffect(() => {
    if (!view) return;
    const onKey = (event: KeyboardEvent): void => {
      // A held key repeats: one press is one press.
      if (event.repeat) return;
      const action = keyAction(view, event.key);
      if (!action) return;
      event.preventDefault();
      if (action.kind === 'repeat') {
        repeat();
        return;
      }
      if (action.kind === 'send') {
        for (const uiEvent of action.events) send(uiEvent);
        return;
      }
      // As a touch does: the customer is there, then the button is pressed.
      send({ type: 'ACTIVITY' });
      document.querySelector<HTMLButtonElement>(action.selector)?.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, send, repeat]);
}
