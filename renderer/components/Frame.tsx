// Every screen's frame: where the information comes from (※2), the language switch, and
// 取消 wherever the customer may stop.
import type { ReactNode } from 'react';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { messagesFor } from '../i18n/use-messages.ts';

export interface ScreenProps<S extends ViewModel['screen'] = ViewModel['screen']> {
  readonly view: Extract<ViewModel, { screen: S }>;
  readonly send: (event: UiEvent) => void;
}

export function Frame({ view, send, children, showSource = true }: ScreenProps & { children: ReactNode; showSource?: boolean }) {
  const text = messagesFor(view.language);
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
        <div className="header-actions">
          <button
            type="button"
            className="button button-quiet"
            aria-label={text.app.languageLabel}
            onClick={() => send({ type: 'SET_LANGUAGE', language: view.language === 'ja' ? 'en' : 'ja' })}
          >
            {text.app.language}
          </button>
          {view.canCancel ? (
            <button type="button" className="button button-cancel" onClick={() => send({ type: 'CANCEL' })}>
              {text.app.cancel}
            </button>
          ) : null}
        </div>
      </header>
      <main className="frame-body">{children}</main>
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
