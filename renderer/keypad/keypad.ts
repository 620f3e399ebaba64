// The terminal's number pad (and a keyboard), as the customer uses it on every screen: the
// keys arrive as key presses. 確定 (Enter) does what the screen's main button does, 取消
// (Escape) stops where 取消 is offered, 訂正 (Backspace) removes a PIN digit, the digits type
// the PIN or choose a numbered service; the assist key turns on assisted mode, the repeat key
// says the screen again. Any key tells the core the customer is there (more time at the card
// slot), and on the idle warning any key but 取消 continues.
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';

/** Keys of the pad that are not on a keyboard's usual map: the terminal's pad sends these. */
export const ASSIST_KEY = 'F1';
export const REPEAT_KEY = 'F2';

/** What a key press asks for: events for the core, a button of the screen to press, or the voice. */
export type KeyAction =
  | { readonly kind: 'send'; readonly events: readonly UiEvent[] }
  | { readonly kind: 'press'; readonly selector: string }
  | { readonly kind: 'repeat' };

const ACTIVITY: UiEvent = { type: 'ACTIVITY' };
const send = (...events: UiEvent[]): KeyAction => ({ kind: 'send', events: [ACTIVITY, ...events] });

/** The screen's main button: one marked for the key, else the enabled primary button. */
const MAIN_BUTTON = '[data-key="enter"]:not(:disabled), .button-primary:not(:disabled)';

export function keyAction(view: ViewModel, key: string): KeyAction | undefined {
  // The maintenance menu is staff's, on the touchscreen: the customer's number pad has no part in it.
  if (view.screen === 'maintenance') return undefined;
  if (key === REPEAT_KEY) return { kind: 'repeat' };
  if (key === ASSIST_KEY) return send({ type: 'ASSIST' });
  const digit = /^[0-9]$/.test(key) ? Number(key) : undefined;
  if (view.screen === 'pin') {
    if (digit !== undefined) return send({ type: 'DIGIT', digit });
    if (key === 'Backspace') return send({ type: 'BACKSPACE' });
    if (key === 'Enter') return send({ type: 'SUBMIT_PIN' });
  }
  if (key === 'Escape') return view.canCancel ? send({ type: 'CANCEL' }) : send();
  if (view.screen === 'idle-warning') return send({ type: 'CONTINUE' });
  if (view.screen === 'attract' && (key === 'Enter' || digit !== undefined)) return send({ type: 'TOUCH' });
  if (view.screen === 'service-choice' && digit !== undefined) {
    const service = view.services[digit - 1];
    return service ? send({ type: 'SELECT_SERVICE', serviceId: service.id }) : send();
  }
  if (key === 'Enter') return { kind: 'press', selector: MAIN_BUTTON };
  return send();
}
