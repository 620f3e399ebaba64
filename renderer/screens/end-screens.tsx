// Screens after the review, and every notice: card return with sound and motion, completion
// (図3.3-7), the idle warning with its countdown, outside hours (※3), card and PIN errors,
// retrieval errors, a removed or swapped card, a card left behind, out of service.
import { useEffect, useState, type ReactNode } from 'react';
import type { Language } from '../../electron/common/ui-events.ts';
import type { CardCallView, CardProblemView, DeletionView, SlipView } from '../../electron/common/view-model.ts';
import { CancelButton, Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { formatDateTime } from '../format/format.ts';
import { CARD_RETURN_MESSAGES } from '../i18n/card-return-messages.ts';
import { CARD_PROBLEM_COUNTER, counterHelp } from '../i18n/counter-help.ts';
import { messagesFor } from '../i18n/use-messages.ts';
import { playChime } from '../sound/chime.ts';

/** `call`: the card has waited a while; the screen calls again, then warns. */
function TakeCard({ language, call }: { language: Language; call?: CardCallView | undefined }) {
  const text = messagesFor(language).finishing;
  const called = call && CARD_RETURN_MESSAGES[language].call[call];
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
      {/* The heading of the screen it is on: giving the card back comes first. */}
      <Title className="take-card-title">{called ? called.title : text.takeCard}</Title>
      <p className="note">{called ? called.lead : text.cardNotice}</p>
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

/** 閉じる: dismisses a notice (whatever follows it, the end of the session or the screen before). */
function CloseButton({ language, onClick, primary = true }: { language: Language; onClick: () => void; primary?: boolean }) {
  return (
    <button type="button" className={primary ? 'button button-primary' : 'button button-secondary'} data-action="close" onClick={onClick}>
      {messagesFor(language).common.close}
    </button>
  );
}

export function FinishingScreen({ view, send }: ScreenProps<'finishing'>) {
  const text = messagesFor(view.language).finishing;
  return (
    <Frame view={view} send={send} step="provide">
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
      {view.takeCard ? <TakeCard language={view.language} call={view.call} /> : null}
    </Frame>
  );
}

/**
 * 図3.3-7, telling the truth in each case: completed only with the bank's receipt; still being
 * sent, with the kiosk's reference to quote and until when it is tried (after that it is
 * deleted unprovided); not provided, with where to ask.
 */
export function CompleteScreen({ view, send }: ScreenProps<'complete'>) {
  const text = messagesFor(view.language).complete;
  const { submission } = view;
  const title = submission.status === 'delivered' ? text.title : submission.status === 'sending' ? text.sendingTitle : text.failedTitle;
  return (
    <Frame view={view} send={send} showSource={false}>
      {view.card ? <CardNotTaken card={view.card} language={view.language} /> : null}
      <Notice
        title={title}
        alert={submission.status === 'failed'}
        actions={<CloseButton language={view.language} onClick={() => send({ type: 'DISMISS' })} />}
      >
        {submission.status === 'delivered' ? (
          <>
            <p className="receipt">{text.receipt(submission.receiptId)}</p>
            <p className="lead">{text.receiptNote}</p>
            <p className="lead">{text.thanks}</p>
          </>
        ) : null}
        {submission.status === 'sending' ? (
          <>
            <p className="receipt">{text.reference(submission.reference)}</p>
            <p className="lead">{text.referenceNote}</p>
            <p className="lead">{text.sending(formatDateTime(submission.until, view.language, view.calendar))}</p>
          </>
        ) : null}
        {submission.status === 'failed' ? (
          <>
            <p className="lead">{text.failed}</p>
            <p className="lead">{counterHelp(view.language, view.counter)}</p>
          </>
        ) : null}
        {view.slip ? <ReceiptSlip slip={view.slip} language={view.language} /> : null}
      </Notice>
    </Frame>
  );
}

/** A card not taken after 確認, said before the thanks: captured, or still at the slot. */
function CardNotTaken({ card, language }: { card: 'retained' | 'left-behind'; language: Language }) {
  const text = CARD_RETURN_MESSAGES[language].notTaken[card];
  return (
    <div className="notice notice-alert card-not-taken" role="alert">
      {/* Above the screen's own heading, as the voice says it first; the screen keeps its one h1. */}
      <h2 className="title">{text.title}</h2>
      <p className="lead">{text.lead}</p>
    </div>
  );
}

/** What became of the receipt slip, said as it is (where the terminal has a printer). */
function ReceiptSlip({ slip, language }: { slip: SlipView; language: Language }) {
  const text = messagesFor(language).slip;
  return (
    <p className={slip === 'failed' ? 'lead slip slip-failed' : 'lead slip'} role="status" data-slip={slip}>
      {text[slip]}
    </p>
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
    <Frame view={view} send={send} cancel={false}>
      <Notice
        title={text.title}
        actions={
          <>
            <CancelButton view={view} send={send} />
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
    <Frame view={view} send={send} cancel={false}>
      <Notice
        title={text.title}
        actions={
          <>
            {/* Before a card is in: 取消 ends, 閉じる goes back to the choice of service. */}
            <CancelButton view={view} send={send} />
            <CloseButton language={view.language} onClick={() => send({ type: 'DISMISS' })} />
          </>
        }
      >
        <p className="lead">{text.lead}</p>
        {view.nextAvailableAt ? (
          <p className="emphasis">{text.next(formatDateTime(view.nextAvailableAt, view.language, view.calendar))}</p>
        ) : (
          <>
            <p className="emphasis">{text.unknown}</p>
            <p className="lead">{counterHelp(view.language, view.counter)}</p>
          </>
        )}
      </Notice>
    </Frame>
  );
}

/** A notice with an OK button: the shape of every card and PIN error screen. */
function SimpleNotice({ view, send, title, lines }: ScreenProps & { title: string; lines: readonly string[] }) {
  return (
    <Frame view={view} send={send}>
      <Notice title={title} actions={<CloseButton language={view.language} onClick={() => send({ type: 'DISMISS' })} />}>
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
  const counter = CARD_PROBLEM_COUNTER[view.problem];
  const help = counter ? [counterHelp(view.language, view.counter, counter === 'ifAgain')] : [];
  return (
    <SimpleNotice
      view={view}
      send={send}
      title={text[CARD_ERROR_TITLE[view.problem]]}
      lines={[text[view.problem], ...help, text.returned]}
    />
  );
}

export function PinBlockedScreen({ view, send }: ScreenProps<'pin-blocked'>) {
  const text = messagesFor(view.language);
  return (
    <SimpleNotice
      view={view}
      send={send}
      title={text.pinBlocked.title}
      // What the bank offers instead, where it configured something, before the card comes back.
      lines={[
        text.pinBlocked.lead,
        text.pinBlocked.bring,
        ...(view.alternative ? [view.alternative[view.language]] : []),
        text.cardError.returned,
      ]}
    />
  );
}

export function RetrievalErrorScreen({ view, send }: ScreenProps<'retrieval-error'>) {
  const text = messagesFor(view.language).retrievalError;
  return (
    <Frame view={view} send={send} cancel={false}>
      <Notice
        title={view.reason === 'not-registered' ? text.registerTitle : text.title}
        actions={
          <>
            {/* Retry is the way on, so it is the primary button; where the customer may try again, 取消 is the way to stop, else the notice is closed. */}
            {view.canCancel ? (
              <CancelButton view={view} send={send} />
            ) : (
              <CloseButton language={view.language} primary={!view.retryable} onClick={() => send({ type: 'DISMISS' })} />
            )}
            {view.retryable ? (
              <button type="button" className="button button-primary" onClick={() => send({ type: 'RETRY' })}>
                {text.retry}
              </button>
            ) : null}
          </>
        }
      >
        <p className="lead">{text[view.reason]}</p>
        {view.reason === 'refused' ? <p className="lead">{counterHelp(view.language, view.counter)}</p> : null}
      </Notice>
    </Frame>
  );
}

export function CardRemovedScreen({ view, send }: ScreenProps<'card-removed'>) {
  const text = messagesFor(view.language).cardRemoved;
  return <SimpleNotice view={view} send={send} title={text.title} lines={[text.lead]} />;
}

/** The reader may not give the card back by itself (it is away): staff are the way out. */
export function ReaderLostScreen({ view, send }: ScreenProps<'reader-lost'>) {
  const text = messagesFor(view.language).readerLost;
  return <SimpleNotice view={view} send={send} title={text.title} lines={[text.lead, text.returned]} />;
}

export function CardSwappedScreen({ view, send }: ScreenProps<'card-swapped'>) {
  const text = messagesFor(view.language);
  return <SimpleNotice view={view} send={send} title={text.cardSwapped.title} lines={[text.cardSwapped.lead, text.cardError.returned]} />;
}

/** What became of information obtained for a session that ended unprovided: "deleted" only once the gateway confirmed it. */
function Deletion({ deletion, language }: { deletion: DeletionView; language: Language }) {
  const text = messagesFor(language).ended;
  if (deletion === 'none') return null;
  return (
    <p className="lead" role="status" aria-live="polite">
      {deletion === 'confirmed' ? text.deleted : text.deletionRequested}
    </p>
  );
}

export function EndedScreen({ view, send }: ScreenProps<'ended'>) {
  const text = messagesFor(view.language).ended;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice title={text[view.reason]} actions={<CloseButton language={view.language} onClick={() => send({ type: 'DISMISS' })} />}>
        <Deletion deletion={view.deletion} language={view.language} />
      </Notice>
    </Frame>
  );
}

export function ReturningCardScreen({ view, send }: ScreenProps<'returning-card'>) {
  const text = messagesFor(view.language);
  return (
    <Frame view={view} send={send} showSource={false}>
      <p className="lead">{text.ended[view.reason]}</p>
      <Deletion deletion={view.deletion} language={view.language} />
      <TakeCard language={view.language} call={view.call} />
    </Frame>
  );
}

export function CardLeftBehindScreen({ view, send }: ScreenProps<'card-left-behind'>) {
  const text = messagesFor(view.language).cardLeftBehind;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice title={text.title} alert>
        <p className="lead">{text.lead}</p>
        <p className="lead">{counterHelp(view.language, view.counter)}</p>
      </Notice>
    </Frame>
  );
}

export function CardRetainedScreen({ view, send }: ScreenProps<'card-retained'>) {
  const text = messagesFor(view.language).cardRetained;
  return (
    <Frame view={view} send={send} showSource={false}>
      <Notice title={text.title} actions={<CloseButton language={view.language} onClick={() => send({ type: 'DISMISS' })} />}>
        <p className="lead">{text.lead}</p>
        <p className="lead">{counterHelp(view.language, view.counter)}</p>
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
        {/* Where to turn, as true as the counter is staffed; a kiosk closed for the day sends nobody anywhere. */}
        {view.reason === 'operator' && view.notice !== 'closed-today' ? (
          <p className="lead">{counterHelp(view.language, view.counter)}</p>
        ) : null}
      </Notice>
    </Frame>
  );
}
