// The day-close report (日計表) of a day staff choose: counts in total and by service, the
// business year's completed sessions and whether the audit trail is intact; printed on the
// terminal's printer, or saved as a PDF (and JSON) into the export folder.
import { DAY_CLOSE_COUNTS } from '../../../electron/common/maintenance/records-view.ts';
import { formatDay } from '../maintenance-format.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { DeliveryLine, FolderLine } from './records-parts.tsx';

export function DayClosePage({ view, send, text }: PageProps<'day-close'>) {
  const t = text.records;
  const { report } = view;
  const canSave = view.folder.kind === 'ready';
  const may = view.allowed.includes('print-day-close');
  return (
    <>
      <PageHeading
        title={t.dayTitle(text.pages['day-close'], report ? formatDay(report.date, view.language, view.calendar) : t.notCounted)}
        text={text}
        send={send}
      />
      {report ? (
        <>
          <dl className="m-rows m-rows-two m-counts">
            {DAY_CLOSE_COUNTS.map((name) => (
              <div key={name} className="m-row" data-count={name}>
                <dt>{t.counts[name]}</dt>
                <dd>{report.counts[name]}</dd>
              </div>
            ))}
          </dl>
          <p className="m-detail">
            {t.services(
              report.services.length === 0
                ? t.noServices
                : text.list(report.services.map((line) => t.serviceLine(line.id, line.started, line.completed))),
            )}
          </p>
          <div className="m-section">
            <p className="m-detail">{t.yearly(report.yearly.from, report.yearly.completedSessions, report.yearly.partial)}</p>
            <p className={report.trail.ok ? 'm-detail' : 'm-detail m-alert-text'}>
              {report.trail.ok ? t.trailOk : t.trailBroken(report.trail.seq, report.trail.problem)}
            </p>
          </div>
        </>
      ) : null}
      {view.printer ? null : <p className="m-detail">{t.noPrinter}</p>}
      <FolderLine folder={view.folder} text={text} />
      <DeliveryLine delivery={view.delivery} text={text} />
      <Actions>
        <button type="button" className="m-button m-button-step" onClick={() => send({ type: 'MENU_RECORDS_DAY', field: 'day', days: -1 })}>
          {t.previousDay}
        </button>
        <button type="button" className="m-button m-button-step" onClick={() => send({ type: 'MENU_RECORDS_DAY', field: 'day', days: 1 })}>
          {t.nextDay}
        </button>
        {may && report ? (
          <>
            <button
              type="button"
              className="m-button m-button-primary"
              disabled={!view.printer && !canSave}
              onClick={() => send({ type: 'MENU_DAY_CLOSE_OUT', to: 'printer' })}
            >
              {view.printer ? t.print : t.printToFolder}
            </button>
            <button
              type="button"
              className="m-button"
              disabled={!canSave}
              onClick={() => send({ type: 'MENU_DAY_CLOSE_OUT', to: 'folder' })}
            >
              {t.save}
            </button>
          </>
        ) : null}
      </Actions>
    </>
  );
}
