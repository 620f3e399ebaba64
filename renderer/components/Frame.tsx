// Every screen's frame: where the information comes from (※2) and the language switch above;
// the step band on the screens of the procedure; the screen's own buttons in one action area
// at the bottom, with 取消 among them wherever the customer may stop (in reach of a seated
// customer, never alone in a corner).
import type { ReactNode } from 'react';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { messagesFor } from '../i18n/use-messages.ts';
import { Steps, type Step } from './Steps.tsx';

export interface ScreenProps<S extends ViewModel['screen'] = ViewModel['screen']> {
  readonly view: Extract<ViewModel, { screen: S }>;
  readonly send: (event: UiEvent) => void;
}

/** 取消: stops the whole procedure. Drawn only where the kiosk core offers it. */
export function CancelButton({ view, send }: ScreenProps) {
  if (!view.canCancel) return null;
  return (
    <button type="button" className="button button-cancel" data-action="cancel" onClick={() => send({ type: 'CANCEL' })}>
      {messagesFor(view.language).app.cancel}
    </button>
  );
}

export function Frame({
  view,
  send,
  children,
  showSource = true,
  step,
  actions,
  cancel = true,
}: ScreenProps & {
  children: ReactNode;
  showSource?: boolean;
  /** The step of the procedure this screen belongs to, shown in the step band. */
  step?: Step | undefined;
  /** The screen's buttons, drawn in the action area after 取消, the main one last. */
  actions?: ReactNode;
  /** False where the screen draws 取消 itself among its own buttons (the PIN pad, a notice), or has its own word for stopping (提供しない). */
  cancel?: boolean;
}) {
  const text = messagesFor(view.language);
  const withCancel = cancel && view.canCancel;
  return (
    <div className={`frame screen-${view.screen}`} lang={view.language}>
      <header className="frame-header">
        {showSource ? (
          <p className="source">
            <span className="source-mark" aria-hidden="true">
              ◆
            </span>
            {text.app.source}
          </p>
        ) : (
          <span />
        )}
        <button
          type="button"
          className="button button-quiet"
          aria-label={text.app.languageLabel}
          onClick={() => send({ type: 'SET_LANGUAGE', language: view.language === 'ja' ? 'en' : 'ja' })}
        >
          {text.app.language}
        </button>
      </header>
      <main className="frame-body">
        {step ? <Steps language={view.language} current={step} /> : null}
        {children}
        {withCancel || actions ? (
          <div className="actions">
            {withCancel ? <CancelButton view={view} send={send} /> : null}
            {actions}
          </div>
        ) : null}
      </main>
    </div>
  );
}

/** The screen's heading: focus moves to it on every new screen (tabIndex -1: focusable, not in the tab order). */
export function Title({ children, className = 'title' }: { children: ReactNode; className?: string }) {
  return (
    <h1 className={className} tabIndex={-1}>
      {children}
    </h1>
  );
}
