// The self-test on demand: staff look at a test pattern and listen to the chime, then the
// automatic checks run; the last run's results stay on the page, whatever started it.
import { useEffect } from 'react';
import { playChime } from '../../sound/chime.ts';
import { formatDateTime } from '../maintenance-format.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';

/** Full-strength colours and a mark in each corner: a dead area or a missing colour shows. */
function TestPattern() {
  return (
    <div className="m-pattern" aria-hidden="true">
      {['#000000', '#ffffff', '#d00000', '#00a000', '#0040d0', '#f0d000'].map((colour) => (
        <span key={colour} style={{ background: colour }} />
      ))}
      <i className="m-corner m-corner-tl" />
      <i className="m-corner m-corner-tr" />
      <i className="m-corner m-corner-bl" />
      <i className="m-corner m-corner-br" />
    </div>
  );
}

function Chime() {
  useEffect(() => playChime(), []);
  return null;
}

export function SelfTestPage({ view, send, text }: PageProps<'self-test'>) {
  const t = text.selfTest;
  const { last } = view;
  if (view.step === 'display') {
    return (
      <>
        <TestPattern />
        {/* The page's one heading, for a screen reader: the check fills the screen. */}
        <h1 className="visually-hidden">{text.pages['self-test']}</h1>
        <p className="m-prompt">{t.display}</p>
        <Actions>
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_CHECKED', ok: true })}>
            {t.displayYes}
          </button>
          <button type="button" className="m-button" onClick={() => send({ type: 'MENU_CHECKED', ok: false })}>
            {t.displayNo}
          </button>
        </Actions>
      </>
    );
  }
  if (view.step === 'chime') {
    return (
      <>
        <Chime />
        {/* The page's one heading, for a screen reader: the check fills the screen. */}
        <h1 className="visually-hidden">{text.pages['self-test']}</h1>
        <p className="m-prompt">{t.chime}</p>
        <Actions>
          <button type="button" className="m-button" onClick={() => playChime()}>
            {t.replay}
          </button>
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_CHECKED', ok: true })}>
            {t.chimeYes}
          </button>
          <button type="button" className="m-button" onClick={() => send({ type: 'MENU_CHECKED', ok: false })}>
            {t.chimeNo}
          </button>
        </Actions>
      </>
    );
  }
  return (
    <>
      <PageHeading title={text.pages['self-test']} text={text} send={send} />
      {view.step === 'running' ? (
        <div className="working" role="status">
          <span className="spinner" aria-hidden="true" />
          <p className="lead">{t.running}</p>
        </div>
      ) : (
        <>
          <p className={last?.passed === false ? 'm-prompt m-alert-text' : 'm-prompt'}>
            {last ? t.last(formatDateTime(last.at, view.language, view.calendar), t.triggers[last.trigger], last.passed) : t.never}
          </p>
          {last ? (
            <dl className="m-rows m-rows-two">
              {last.results.map((result) => (
                <div key={result.check} className={result.outcome === 'fail' ? 'm-row m-row-alert' : 'm-row'} data-check={result.check}>
                  <dt>{t.checks[result.check]}</dt>
                  <dd>
                    {t.outcomes[result.outcome]}
                    {result.check === 'audit-trail' && result.value !== undefined
                      ? ` — ${result.finding ? t.chainBroken(result.value, result.finding) : t.chainIntact(result.value)}`
                      : `${result.finding ? ` — ${result.finding}` : ''}${result.value === undefined ? '' : ` (${String(result.value)})`}`}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <Actions>
            <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_SELF_TEST' })}>
              {t.run}
            </button>
          </Actions>
        </>
      )}
    </>
  );
}
