// Large text and high contrast, switched on the first screens for this customer's session
// (the kiosk core keeps them, and the next customer starts without).
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { messagesFor } from '../i18n/use-messages.ts';

export function DisplayModes({ view, send }: { view: ViewModel; send: (event: UiEvent) => void }) {
  const text = messagesFor(view.language).display;
  const modes = [
    { mode: 'large-text', on: view.access?.largeText ?? false, label: text.largeText },
    { mode: 'high-contrast', on: view.access?.highContrast ?? false, label: text.highContrast },
  ] as const;
  return (
    <div className="display-modes" role="group" aria-label={text.label}>
      {modes.map(({ mode, on, label }) => (
        <button
          key={mode}
          type="button"
          className="button button-quiet button-toggle"
          aria-pressed={on}
          data-mode={mode}
          onClick={() => send({ type: 'SET_DISPLAY_MODE', mode, on: !on })}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
