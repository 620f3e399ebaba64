// 取込カード管理簿: every card the kiosk kept or that was left behind (held, marked for the
// lost-property procedure, given back, not found), the retain bin reconciled against the
// records, a card given back after an identity check with a supervisor's approval, and a desk
// reader's lock lifted once staff record what they found.
import { useState } from 'react';
import {
  ID_CHECK_METHODS,
  LOCK_OUTCOMES,
  type KeptCardView,
  type ReleaseCardForm,
} from '../../../electron/common/maintenance/maintenance-view.ts';
import type { StepMinutes } from '../../../electron/common/maintenance/maintenance-events.ts';
import { cardsMessagesFor, type CardsMessages } from '../cards-messages.ts';
import { formatDateTime } from '../maintenance-format.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { Choice } from '../Choice.tsx';
import { Stepper } from '../Stepper.tsx';
import './cards.css';

/** Records a page holds: fewer while the lock's notice takes the top of the page. */
const PER_PAGE = 4;
const PER_PAGE_LOCKED = 2;
const CHECK_STEPS: readonly StepMinutes[] = [-60, -15, 15, 60];

type View = PageProps<'cards'>['view'];

function ReleaseForm({ view, form, send, text }: Omit<PageProps<'cards'>, 'view'> & { view: View; form: ReleaseCardForm }) {
  const t = cardsMessagesFor(view.language);
  const when = (iso: string): string => formatDateTime(iso, view.language, view.calendar);
  const record = view.records.find((card) => card.id === form.id);
  return (
    <>
      <PageHeading title={t.formTitle(record ? when(record.keptAt) : form.id)} text={text} send={send} back={false} />
      <p className="m-detail">{t.formLead(view.staff?.number ?? '')}</p>
      <div className="m-form">
        <div className="m-form-column">
          <Choice
            label={t.method}
            options={ID_CHECK_METHODS}
            chosen={form.method}
            name={(method) => t.methods[method]}
            onChoose={(method) => send({ type: 'MENU_EDIT', edit: { kind: 'id-method', method } })}
          />
        </div>
        <div className="m-form-column">
          <Stepper
            label={t.checkedAt}
            value={when(form.checkedAt)}
            steps={CHECK_STEPS}
            text={text}
            onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'checkedAt', minutes } })}
          />
          <p className="m-notice-text">{t.approval}</p>
          <Actions>
            <button
              type="button"
              className="m-button m-button-primary"
              disabled={form.method === undefined}
              onClick={() => send({ type: 'MENU_SAVE' })}
            >
              {t.toApproval}
            </button>
            <button type="button" className="m-button" onClick={() => send({ type: 'MENU_CANCEL_FORM' })}>
              {text.cancel}
            </button>
          </Actions>
        </div>
      </div>
    </>
  );
}

function Record({ card, view, send, t }: { card: KeptCardView; view: View; send: PageProps['send']; t: CardsMessages }) {
  const when = (iso: string): string => formatDateTime(iso, view.language, view.calendar);
  const facts = [
    t.reasons[card.reason],
    ...(card.binPosition === undefined ? [] : [t.binPosition(card.binPosition)]),
    ...(card.cardHash ? [t.card(card.cardHash)] : []),
    ...(card.session ? [t.session(card.session.slice(0, 8))] : []),
  ];
  const held = card.status === 'open' || card.status === 'flagged';
  return (
    <li data-card={card.id} data-status={card.status}>
      <span>
        <strong className={card.status === 'flagged' ? 'm-card-flagged' : undefined}>{t.statuses[card.status]}</strong>{' '}
        {t.kept(when(card.keptAt), card.ageDays)}
        <br />
        <span className="m-detail">{facts.join(' ・ ')}</span>
        {card.released ? (
          <>
            <br />
            <span className="m-detail">
              {t.released(when(card.released.at), card.released.checkedBy, t.methods[card.released.method], card.released.approvedBy)}
            </span>
          </>
        ) : null}
      </span>
      {held && view.allowed.includes('release-card') ? (
        <button type="button" className="m-button" onClick={() => send({ type: 'MENU_FORM', form: { form: 'release-card', id: card.id } })}>
          {t.release}
        </button>
      ) : null}
    </li>
  );
}

export function CardsPage({ view, send, text }: PageProps<'cards'>) {
  const t = cardsMessagesFor(view.language);
  const [page, setPage] = useState(0);
  if (view.form) return <ReleaseForm view={view} form={view.form} send={send} text={text} />;
  const { lock, reconciliation } = view;
  const perPage = lock ? PER_PAGE_LOCKED : PER_PAGE;
  const pages = Math.max(1, Math.ceil(view.records.length / perPage));
  // The lock lifted, a page holds more: the page shown stays within the pages there are.
  const current = Math.min(page, pages - 1);
  const shown = view.records.slice(current * perPage, (current + 1) * perPage);
  return (
    <>
      <PageHeading title={text.pages.cards} text={text} send={send} />
      {lock ? (
        <section className="m-state m-state-out" aria-label={t.lockTitle}>
          <p className="m-state-title">{t.lockTitle}</p>
          <p>{t.lockLead(formatDateTime(lock.since, view.language, view.calendar))}</p>
          {view.allowed.includes('confirm-card-lock') ? (
            <Actions>
              {LOCK_OUTCOMES.filter((outcome) => outcome === 'secured' || view.allowed.includes('record-card-missing')).map((outcome) => (
                <button
                  key={outcome}
                  type="button"
                  className={outcome === 'secured' ? 'm-button m-button-primary' : 'm-button'}
                  onClick={() => send({ type: 'MENU_CONFIRM_CARD', outcome })}
                >
                  {t.lockOutcomes[outcome]}
                </button>
              ))}
            </Actions>
          ) : null}
        </section>
      ) : null}
      <p className="m-detail">
        {reconciliation.binCount === undefined
          ? t.binUnknown
          : t.bin(reconciliation.binCount, reconciliation.recorded, reconciliation.matches === true)}
      </p>
      <p className="m-detail">{t.unclaimed(view.unclaimedDays)}</p>
      {view.records.length === 0 ? (
        <p className="m-detail">{t.empty}</p>
      ) : (
        <ul className="m-list m-cards">
          {shown.map((card) => (
            <Record key={card.id} card={card} view={view} send={send} t={t} />
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <Actions>
          <button type="button" className="m-button" aria-label={t.previous} disabled={current === 0} onClick={() => setPage(current - 1)}>
            ◀
          </button>
          <span className="m-detail">{t.page(current + 1, pages)}</span>
          <button
            type="button"
            className="m-button"
            aria-label={t.next}
            disabled={current + 1 >= pages}
            onClick={() => setPage(current + 1)}
          >
            ▶
          </button>
        </Actions>
      ) : null}
    </>
  );
}
