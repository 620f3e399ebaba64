// The configuration, read-only with secrets masked, its hash, and a safe restart or shutdown.
import { useState } from 'react';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';

const PER_PAGE = 14;

export function ConfigurationPage({ view, send, text }: PageProps<'configuration'>) {
  const t = text.configuration;
  // Which part of a long configuration is on screen: the screen's own state, like a scroll position.
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(view.entries.length / PER_PAGE));
  const shown = view.entries.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
  if (view.confirm) {
    return (
      <div className="notice" role="alert">
        <h1 className="title">{view.confirm === 'shut-down' ? t.shutDown : t.restart}</h1>
        <p className="lead">{view.confirm === 'shut-down' ? t.confirmShutDown : t.confirmRestart}</p>
        <Actions>
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_CONFIRM_STOP' })}>
            {t.yes}
          </button>
          <button type="button" className="m-button" onClick={() => send({ type: 'MENU_CANCEL_STOP' })}>
            {t.no}
          </button>
        </Actions>
      </div>
    );
  }
  return (
    <>
      <PageHeading title={t.title} text={text} send={send} />
      <p className="m-detail">{t.hash(view.hash)}</p>
      <dl className="m-rows m-rows-two">
        {shown.map((entry) => (
          <div key={entry.key} className="m-row">
            <dt className="m-code">{entry.key}</dt>
            <dd className="m-code">{entry.value}</dd>
          </div>
        ))}
      </dl>
      <Actions>
        {pages > 1 ? (
          <>
            <button type="button" className="m-button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              ◀
            </button>
            <span className="m-detail">{t.page(page + 1, pages)}</span>
            <button type="button" className="m-button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              ▶
            </button>
          </>
        ) : null}
        {view.allowed.includes('restart-kiosk') ? (
          <>
            <button type="button" className="m-button" onClick={() => send({ type: 'MENU_STOP', kind: 'restart-kiosk' })}>
              {t.restart}
            </button>
            <button type="button" className="m-button" onClick={() => send({ type: 'MENU_STOP', kind: 'shut-down' })}>
              {t.shutDown}
            </button>
          </>
        ) : null}
      </Actions>
    </>
  );
}
