// Screens after the review, and every notice: card return with sound and motion, completion
// (図3.3-7), the idle warning with its countdown, outside hours (※3), card and PIN errors,
// retrieval errors, a removed or swapped card, a card left behind, out of service.
import { useEffect, useState, type ReactNode } from 'react';
import type { Language } from '../../electron/common/ui-events.ts';
import type { CardProblemView } from '../../electron/common/view-model.ts';
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { formatDateTime } from '../format/format.ts';
import { messagesFor } from '../i18n/use-messages.ts';
import { playChime } from '../sound/chime.ts';

function TakeCard({ language }: { language: Language }) {
  const text = messagesFor(language).finishing;
  useEffect(() => {
    playChime();
    const timer = setInterval(playChime, 6000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="take-card" role="alert">
      <div className="card-slot card-slot-out" aria-hidden="true">
        <span className="card-slot-card" />
      </div>
      <p className="take-card-title">{text.takeCard}</p>
      <p className="note">{text.cardNotice}</p>
    </div>
  );
}

function Notice({
  title,
  children,
  actions,
  alert = false,
}: {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  alert?: boolean;
}) {
  return (
    <div className={alert ? 'notice notice-alert' : 'notice'} role="alert">
      <Title>{title}</Title>
      {children}
      {actions ? <div className="actions">{actions}</div> : null}
    </div>
  );
}

/** Ends the session (or closes a notice): labelled so it can never be taken for consent. */
function EndButton({
  language,
  onClick,
  label = 'end',
  primary = true,
}: {
  language: Language;
  onClick: () => void;
  label?: 'end' | 'close';
  primary?: boolean;
}) {
  return (
    <button type="button" className={primary ? 'button button-primary' : 'button button-secondary'} onClick={onClick}>
      {messagesFor(language).common[label]}
    </button>
  );
}

export function FinishingScreen({ view, send }: ScreenProps<'finishing'>) {
  const text = messagesFor(view.language).finishing;
  return (
    <Frame view={view} send={send}>
      {view.sending && !view.takeCard ? (
        <div className="working" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <Title>{text.sending}</Title>
          <p className="lead">{text.wait}</p>
        </div>
      ) : null}
      {view.sending && view.takeCard ? (
        <p className="lead" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> {text.sending}
        </p>
      ) : null}
      {view.takeCard ? <TakeCard language={view.language} /> : null}
    </Frame>
  );
}

export function CompleteScreen({ view, send }: ScreenProps<'complete'>) {
  const text = messagesFor(view.language).complete;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice
        title={view.failed ? text.failedTitle : view.queued ? text.queuedTitle : text.title}
        alert={view.failed}
        actions={
          <button type="button" className="button button-primary" onClick={() => send({ type: 'DISMISS' })}>
            {text.done}
          </button>
        }
      >
        {view.receiptId ? (
          <>
            <p className="receipt">{text.receipt(view.receiptId)}</p>
            <p className="lead">{text.receiptNote}</p>
          </>
        ) : null}
        {view.queued ? <p className="lead">{text.queued}</p> : null}
        {view.failed ? <p className="lead">{text.failed}</p> : <p className="lead">{text.thanks}</p>}
      </Notice>
    </Frame>
  );
}

export function IdleWarningScreen({ view, send }: ScreenProps<'idle-warning'>) {
  const text = messagesFor(view.language).idle;
  const [seconds, setSeconds] = useState(view.countdownSeconds);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((left) => Math.max(0, left - 1)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Frame view={view} send={send}>
      <Notice
        title={text.title}
        actions={
          <>
            <button type="button" className="button button-secondary" onClick={() => send({ type: 'CANCEL' })}>
              {text.stop}
            </button>
            <button type="button" className="button button-primary" onClick={() => send({ type: 'CONTINUE' })}>
              {text.continue}
            </button>
          </>
        }
      >
        <p className="countdown" aria-live="polite">
          {text.countdown(seconds)}
        </p>
      </Notice>
    </Frame>
  );
}

export function UnavailableScreen({ view, send }: ScreenProps<'unavailable'>) {
  const text = messagesFor(view.language).unavailable;
  return (
    <Frame view={view} send={send}>
      <Notice title={text.title} actions={<EndButton language={view.language} label="close" onClick={() => send({ type: 'DISMISS' })} />}>
        <p className="lead">{text.lead}</p>
        <p className="emphasis">
          {view.nextAvailableAt ? text.next(formatDateTime(view.nextAvailableAt, view.language, view.calendar)) : text.unknown}
        </p>
      </Notice>
    </Frame>
  );
}

/** A notice with an OK button: the shape of every card and PIN error screen. */
function SimpleNotice({ view, send, title, lines }: ScreenProps & { title: string; lines: readonly string[] }) {
  return (
    <Frame view={view} send={send}>
      <Notice title={title} actions={<EndButton language={view.language} onClick={() => send({ type: 'DISMISS' })} />}>
        {lines.map((line) => (
          <p key={line} className="lead">
            {line}
          </p>
        ))}
      </Notice>
    </Frame>
  );
}

/** Faults of the card or its insertion are told as "could not be read"; the rest as "cannot be used". */
const CARD_ERROR_TITLE: Readonly<Record<CardProblemView, 'title' | 'unreadTitle'>> = {
  'not-my-number-card': 'title',
  smartphone: 'title',
  expired: 'title',
  'not-yet-valid': 'title',
  revoked: 'title',
  untrusted: 'title',
  mute: 'unreadTitle',
  unresponsive: 'unreadTitle',
  damaged: 'unreadTitle',
};

export function CardErrorScreen({ view, send }: ScreenProps<'card-error'>) {
  const text = messagesFor(view.language).cardError;
  return <SimpleNotice view={view} send={send} title={text[CARD_ERROR_TITLE[view.problem]]} lines={[text[view.problem], text.returned]} />;
}

export function PinBlockedScreen({ view, send }: ScreenProps<'pin-blocked'>) {
  const text = messagesFor(view.language);
  return (
    <SimpleNotice
      view={view}
      send={send}
      title={text.pinBlocked.title}
      lines={[text.pinBlocked.lead, text.pinBlocked.bring, text.cardError.returned]}
    />
  );
}

export function RetrievalErrorScreen({ view, send }: ScreenProps<'retrieval-error'>) {
  const text = messagesFor(view.language).retrievalError;
  return (
    <Frame view={view} send={send}>
      <Notice
        title={text.title}
        actions={
          <>
            {/* Retry is the way on, so it is the primary button; ending is the quiet one. */}
            <EndButton language={view.language} primary={!view.retryable} onClick={() => send({ type: 'DISMISS' })} />
            {view.retryable ? (
              <button type="button" className="button button-primary" onClick={() => send({ type: 'RETRY' })}>
                {text.retry}
              </button>
            ) : null}
          </>
        }
      >
        <p className="lead">{text[view.reason]}</p>
      </Notice>
    </Frame>
  );
}

export function CardRemovedScreen({ view, send }: ScreenProps<'card-removed'>) {
  const text = messagesFor(view.language).cardRemoved;
  return <SimpleNotice view={view} send={send} title={text.title} lines={[text.lead]} />;
}

export function CardSwappedScreen({ view, send }: ScreenProps<'card-swapped'>) {
  const text = messagesFor(view.language);
  return <SimpleNotice view={view} send={send} title={text.cardSwapped.title} lines={[text.cardSwapped.lead, text.cardError.returned]} />;
}

export function EndedScreen({ view, send }: ScreenProps<'ended'>) {
  const text = messagesFor(view.language).ended;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice
        title={text[view.reason]}
        actions={<EndButton language={view.language} label="close" onClick={() => send({ type: 'DISMISS' })} />}
      >
        {view.dataDeleted ? <p className="lead">{text.deleted}</p> : null}
      </Notice>
    </Frame>
  );
}

export function ReturningCardScreen({ view, send }: ScreenProps<'returning-card'>) {
  const text = messagesFor(view.language);
  return (
    <Frame view={view} send={send} showSource={false}>
      <p className="lead">{text.ended[view.reason]}</p>
      {view.dataDeleted ? <p className="lead">{text.ended.deleted}</p> : null}
      <TakeCard language={view.language} />
    </Frame>
  );
}

export function CardLeftBehindScreen({ view, send }: ScreenProps<'card-left-behind'>) {
  const text = messagesFor(view.language).cardLeftBehind;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice title={text.title} alert>
        <p className="lead">{text.lead}</p>
      </Notice>
    </Frame>
  );
}

export function CardRetainedScreen({ view, send }: ScreenProps<'card-retained'>) {
  const text = messagesFor(view.language).cardRetained;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice title={text.title} actions={<EndButton language={view.language} label="close" onClick={() => send({ type: 'DISMISS' })} />}>
        <p className="lead">{text.lead}</p>
      </Notice>
    </Frame>
  );
}

export function OutOfServiceScreen({ view, send }: ScreenProps<'out-of-service'>) {
  const text = messagesFor(view.language).outOfService;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice title={text.title}>
        <p className="lead">{view.notice ? text.notices[view.notice] : text[view.reason]}</p>
      </Notice>
    </Frame>
  );
}
