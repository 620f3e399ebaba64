// The reader test: a card in any reader and what `card status` finds, without personal data
// (no PIN asked, no try spent), and a restart of the card service for whoever may.
import { formatDateTime } from '../maintenance-format.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';

export function ReaderTestPage({ view, send, text }: PageProps<'reader-test'>) {
  const t = text.readerTest;
  const s = text.status;
  const { readers, cardService } = view;
  return (
    <>
      <PageHeading title={text.pages['reader-test']} text={text} send={send} />
      <p className="lead">{t.lead}</p>
      <p className="m-detail">
        {s.cardService}:{' '}
        {cardService.kind === 'process' ? s.cardServiceProcess(cardService.up, cardService.restarts) : s.cardServiceInProcess}
      </p>
      {readers === undefined ? (
        <div className="working" role="status">
          <span className="spinner" aria-hidden="true" />
          <p className="lead">{t.checking}</p>
        </div>
      ) : readers.length === 0 ? (
        <p className="alert">{t.noReaders}</p>
      ) : (
        <ul className="m-readers">
          {readers.map((reader) => (
            <li
              key={reader.reader}
              className={reader.verdict === 'ok' || reader.verdict === 'no-card' ? 'm-reader' : 'm-reader m-reader-alert'}
            >
              <p className="m-reader-name">{s.readerCard(reader.reader, s.card[reader.card])}</p>
              <p className="m-verdict" data-verdict={reader.verdict}>
                {t.verdicts[reader.verdict]}
              </p>
              <dl className="m-rows">
                {reader.atr ? (
                  <div className="m-row">
                    <dt>{t.atr}</dt>
                    <dd className="m-code">{reader.atr}</dd>
                  </div>
                ) : null}
                {reader.jpkiApplication ? (
                  <div className="m-row">
                    <dt>{t.jpki}</dt>
                    <dd>{t.jpkiValues[reader.jpkiApplication]}</dd>
                  </div>
                ) : null}
                {reader.tokenKind ? (
                  <div className="m-row">
                    <dt>{t.token}</dt>
                    <dd>{reader.tokenKind}</dd>
                  </div>
                ) : null}
                {reader.certificateNotAfter ? (
                  <div className="m-row">
                    <dt>{t.notAfter}</dt>
                    <dd>{formatDateTime(reader.certificateNotAfter, view.language, view.calendar)}</dd>
                  </div>
                ) : null}
                {reader.pinTriesLeft === undefined ? null : (
                  <div className="m-row">
                    <dt>{t.tries}</dt>
                    <dd>{reader.pinTriesLeft}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Actions>
        <button type="button" className="m-button" onClick={() => send({ type: 'MENU_REFRESH' })}>
          {t.again}
        </button>
        <button type="button" className="m-button" onClick={() => send({ type: 'MENU_EJECT' })}>
          {t.eject}
        </button>
        {view.allowed.includes('restart-card-service') && cardService.kind === 'process' ? (
          <button type="button" className="m-button" onClick={() => send({ type: 'MENU_RESTART_CARD_SERVICE' })}>
            {t.restart}
          </button>
        ) : null}
      </Actions>
    </>
  );
}
