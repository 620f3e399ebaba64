// The menu's keypad for staff numbers and PINs: digits, 訂正 and 確定, large enough for a
// gloved finger. A physical keyboard works too (digits, Backspace, Enter). PIN digits are
// never drawn, only dots for how many were typed.
import { useEffect } from 'react';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { MaintenanceMessages } from './maintenance-messages.ts';

const DIGITS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export function StaffKeypad({ send, text, canSubmit }: { send: (event: UiEvent) => void; text: MaintenanceMessages; canSubmit: boolean }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (/^[0-9]$/.test(event.key)) send({ type: 'MENU_DIGIT', digit: Number(event.key) });
      else if (event.key === 'Backspace') send({ type: 'MENU_BACKSPACE' });
      else if (event.key === 'Enter') send({ type: 'MENU_ENTER' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);
  return (
    <div className="keypad m-keypad">
      {DIGITS.map((digit) => (
        <button key={digit} type="button" className="key" onClick={() => send({ type: 'MENU_DIGIT', digit })}>
          {digit}
        </button>
      ))}
      <button type="button" className="key key-correct" onClick={() => send({ type: 'MENU_BACKSPACE' })}>
        {text.signIn.correct}
      </button>
      <button type="button" className="key" onClick={() => send({ type: 'MENU_DIGIT', digit: 0 })}>
        0
      </button>
      <button type="button" className="key key-submit" disabled={!canSubmit} onClick={() => send({ type: 'MENU_ENTER' })}>
        {text.signIn.submit}
      </button>
    </div>
  );
}

/** How many digits of a secret were typed, as dots (up to 12). */
export function PinDots({ count, label }: { count: number; label: string }) {
  return (
    <div className="pin-dots m-pin-dots" role="img" aria-label={label}>
      {Array.from({ length: Math.max(6, count) }, (_, i) => (
        <span key={i} className={i < count ? 'pin-dot pin-dot-filled' : 'pin-dot'} />
      ))}
    </div>
  );
}
