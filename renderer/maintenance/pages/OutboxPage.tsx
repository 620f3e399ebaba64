// The submissions waiting in the outbox, without what they hold: number, how long, how often
// tried, why the last try failed. Staff send one now, or delete one with a reason (a second
// staff member approves; the kiosk core checks both again).
import { useState } from 'react';
import { PURGE_REASONS, type PurgeReason } from '../../../electron/common/maintenance/maintenance-view.ts';
import { formatDateTime } from '../maintenance-format.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { Choice } from '../Choice.tsx';

/** The number staff read and compare: the first block of the id. */
const shortId = (id: string): string => id.slice(0, 8);

export function OutboxPage({ view, send, text }: PageProps<'outbox'>) {
  const t = text.outbox;
  // Which submission staff are deleting, and why: the screen's own state until they confirm.
  const [purging, setPurging] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState<PurgeReason | undefined>(undefined);
  const retry = view.allowed.includes('retry-submission');
  const purge = view.allowed.includes('purge-submission');
  const chosen = view.entries.find((entry) => entry.id === purging);
  if (chosen) {
    return (
      <>
        <PageHeading title={t.purgeTitle(shortId(chosen.id))} text={text} send={send} />
        <p className="lead">{t.purgeLead}</p>
        <Choice label={t.reason} options={PURGE_REASONS} chosen={reason} name={(option) => t.reasons[option]} onChoose={setReason} />
        <Actions>
          <button
            type="button"
            className="m-button m-button-primary"
            disabled={reason === undefined}
            onClick={() => {
              if (reason) send({ type: 'MENU_PURGE_SUBMISSION', id: chosen.id, reason });
              setPurging(undefined);
              setReason(undefined);
            }}
          >
            {t.confirmPurge}
          </button>
          <button
            type="button"
            className="m-button"
            onClick={() => {
              setPurging(undefined);
              setReason(undefined);
            }}
          >
            {text.cancel}
          </button>
        </Actions>
      </>
    );
  }
  return (
    <>
      <PageHeading title={text.pages.outbox} text={text} send={send} />
      {view.overdue ? (
        <p className="m-result m-result-alert" role="alert">
          {t.overdue(view.alarmMinutes)}
        </p>
      ) : null}
      <p className="m-detail">{t.lead}</p>
      {view.entries.length === 0 ? (
        <p className="lead">{t.empty}</p>
      ) : (
        <ul className="m-list m-outbox">
          {view.entries.map((entry) => (
            <li key={entry.id} data-submission={entry.id}>
              <dl className="m-outbox-facts">
                <div>
                  <dt>{t.id}</dt>
                  <dd className="m-code">{shortId(entry.id)}</dd>
                </div>
                <div className={entry.ageMinutes > view.alarmMinutes ? 'm-row-alert' : undefined}>
                  <dt>{t.age}</dt>
                  <dd>{t.ageValue(entry.ageMinutes)}</dd>
                </div>
                <div>
                  <dt>{t.attempts}</dt>
                  <dd>{entry.attempts}</dd>
                </div>
                <div>
                  <dt>{t.lastError}</dt>
                  <dd className="m-code">{entry.lastError ?? t.noError}</dd>
                </div>
                <div>
                  <dt>{t.next}</dt>
                  <dd>{formatDateTime(entry.nextAttemptAt, view.language, view.calendar)}</dd>
                </div>
              </dl>
              <span className="m-row-buttons">
                {retry ? (
                  <button type="button" className="m-button" onClick={() => send({ type: 'MENU_RETRY_SUBMISSION', id: entry.id })}>
                    {t.retry}
                  </button>
                ) : null}
                {purge ? (
                  <button type="button" className="m-button" onClick={() => setPurging(entry.id)}>
                    {t.purge}
                  </button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
