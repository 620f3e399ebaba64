// The screens on the way to the PIN: attract loop, top (図3.3-1), service choice (図3.3-2),
// confirmation of what will be obtained (図3.3-3), card insertion (図3.3-4), and progress.
import { agreementSubject, consentStatement } from '../../electron/common/consent-text.ts';
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import type { Step } from '../components/Steps.tsx';
import { CardFace, InsertCardPicture } from '../components/CardPictures.tsx';
import { DisplayModes } from '../components/DisplayModes.tsx';
import { formatDateTime } from '../format/format.ts';
import { messagesFor } from '../i18n/use-messages.ts';

export function AttractScreen({ view, send }: ScreenProps<'attract'>) {
  const text = messagesFor(view.language);
  // One main and one heading, as on every screen; the title the customer sees is in the button.
  return (
    <main className="attract-wrap" lang={view.language}>
      <Title className="visually-hidden">{text.attract.title}</Title>
      <button type="button" className="attract" onClick={() => send({ type: 'TOUCH' })}>
        <svg className="attract-card" viewBox="0 0 222 140" aria-hidden="true" focusable="false">
          <CardFace />
        </svg>
        <span className="attract-title">{text.attract.title}</span>
        {view.closed ? (
          <span className="attract-closed">
            <span>{text.closed.title}</span>
            {view.closed.reopensAt ? (
              <span>{text.closed.reopens(formatDateTime(view.closed.reopensAt, view.language, view.calendar))}</span>
            ) : null}
          </span>
        ) : null}
        <span className="attract-lead">{text.attract.lead}</span>
        <span className="attract-touch">{text.attract.touch}</span>
        <span className="attract-needs">{text.attract.needs}</span>
      </button>
      <button
        type="button"
        className="button button-quiet attract-language"
        aria-label={text.app.languageLabel}
        onClick={() => send({ type: 'SET_LANGUAGE', language: view.language === 'ja' ? 'en' : 'ja' })}
      >
        {text.app.language}
      </button>
      <DisplayModes view={view} send={send} />
    </main>
  );
}

/** Closed now (operating hours): said, with when it opens again, where the customer starts. */
function Closed({ view }: { view: ScreenProps<'top'>['view'] }) {
  const text = messagesFor(view.language).closed;
  if (!view.closed) return null;
  return (
    <p className="alert alert-strong">
      {text.title}
      {view.closed.reopensAt ? (
        <>
          <br />
          {text.reopens(formatDateTime(view.closed.reopensAt, view.language, view.calendar))}
        </>
      ) : null}
    </p>
  );
}

export function TopScreen({ view, send }: ScreenProps<'top'>) {
  const text = messagesFor(view.language).top;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Title>{text.title}</Title>
      <Closed view={view} />
      <button type="button" className="button button-primary button-huge" onClick={() => send({ type: 'START' })}>
        {text.start}
        <span className="button-hint">{text.startHint}</span>
      </button>
      <DisplayModes view={view} send={send} />
    </Frame>
  );
}

export function ServiceChoiceScreen({ view, send }: ScreenProps<'service-choice'>) {
  const text = messagesFor(view.language).serviceChoice;
  return (
    <Frame view={view} send={send} step="service">
      <Title>{text.title}</Title>
      <ul className="choices">
        {view.services.map((service) => (
          <li key={service.id}>
            <button
              type="button"
              className={service.available ? 'button button-choice' : 'button button-choice button-unavailable'}
              onClick={() => send({ type: 'SELECT_SERVICE', serviceId: service.id })}
            >
              {service.name[view.language]}
              <span className="button-hint">{service.recipient[view.language]}</span>
              {service.available ? null : (
                <span className="button-hint button-hint-alert">
                  {service.nextAvailableAt
                    ? text.unavailable(formatDateTime(service.nextAvailableAt, view.language, view.calendar))
                    : text.unavailableUnknown}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </Frame>
  );
}

/**
 * 図3.3-3: what the customer agrees to is exactly the statement of consentStatement() (who
 * obtains what, for what, how long it is kept); the kiosk core records the version of these
 * lines with the agreement. `data-consent` marks each line, so tests can read back what was drawn.
 */
export function ConfirmationScreen({ view, send }: ScreenProps<'confirmation'>) {
  const text = messagesFor(view.language).confirmation;
  const statement = consentStatement('agreement', agreementSubject(view.service), view.language);
  return (
    <Frame
      view={view}
      send={send}
      step="consent"
      actions={
        <>
          <button type="button" className="button button-secondary" onClick={() => send({ type: 'BACK' })}>
            {text.back}
          </button>
          <button type="button" className="button button-primary" onClick={() => send({ type: 'AGREE' })}>
            {text.agree}
          </button>
        </>
      }
    >
      <Title>{text.title}</Title>
      <h2 className="service-name">{view.service.name[view.language]}</h2>
      <p className="lead" data-consent="ask">
        {statement.ask}
      </p>
      <dl className="facts">
        <dt>{text.items}</dt>
        <dd>
          <ul className="item-labels">
            {statement.items.map((line) => (
              <li key={line} data-consent="item">
                {line}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <p className="note" data-consent="retention">
        {statement.retention}
      </p>
      <p className="note" data-consent="note">
        {statement.note}
      </p>
    </Frame>
  );
}

export function InsertCardScreen({ view, send }: ScreenProps<'insert-card'>) {
  const text = messagesFor(view.language).insertCard;
  return (
    <Frame view={view} send={send} step="card">
      <Title>{text.title}</Title>
      <InsertCardPicture />
      <p className="lead">{text.lead}</p>
      <p className="note">{view.readerHoldsCard ? text.heldInside : text.leaveInReader}</p>
    </Frame>
  );
}

/** Which step of the procedure a task belongs to. */
const STEP: Readonly<Record<ScreenProps<'working'>['view']['task'], Step>> = {
  'checking-service': 'service',
  'reading-card': 'card',
  authenticating: 'identity',
  retrieving: 'obtain',
  // After consent: the card is checked just before the information is provided.
  'checking-card': 'provide',
};

export function WorkingScreen({ view, send }: ScreenProps<'working'>) {
  const text = messagesFor(view.language).working;
  return (
    <Frame view={view} send={send} step={STEP[view.task]}>
      <div className="working" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <Title>{text[view.task]}</Title>
        <p className="lead">{text.wait}</p>
      </div>
    </Frame>
  );
}
