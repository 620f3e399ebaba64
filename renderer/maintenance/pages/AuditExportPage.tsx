// The audit trail's export: a range of dates into the export folder as CSV, JSON and a
// manifest of hashes, under dual control (a second staff member approves); what was written,
// or why nothing could be, is said on the page.
import { formatDay } from '../maintenance-format.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { DeliveryLine, FolderLine } from './records-parts.tsx';

export function AuditExportPage({ view, send, text }: PageProps<'audit-export'>) {
  const t = text.records;
  const day = (date: string): string => formatDay(date, view.language, view.calendar);
  const step = (field: 'from' | 'to', days: -7 | -1 | 1 | 7) => () => send({ type: 'MENU_RECORDS_DAY', field, days });
  return (
    <>
      <PageHeading title={text.pages['audit-export']} text={text} send={send} />
      <p className="m-detail">{t.exportLead}</p>
      <div className="m-form">
        {(['from', 'to'] as const).map((field) => (
          <div key={field} className="m-stepper" role="group" aria-label={t[field]}>
            <p className="m-stepper-value">
              <span className="m-stepper-label">{t[field]}</span> {day(view[field])}
            </p>
            <div className="m-stepper-buttons">
              <button type="button" className="m-button m-button-step" onClick={step(field, -7)}>
                {t.previousWeek}
              </button>
              <button type="button" className="m-button m-button-step" onClick={step(field, -1)}>
                {t.previousDay}
              </button>
              <button
                type="button"
                className="m-button m-button-step"
                disabled={view[field] >= (field === 'from' ? view.to : view.latest)}
                onClick={step(field, 1)}
              >
                {t.nextDay}
              </button>
              <button
                type="button"
                className="m-button m-button-step"
                disabled={view[field] >= (field === 'from' ? view.to : view.latest)}
                onClick={step(field, 7)}
              >
                {t.nextWeek}
              </button>
            </div>
          </div>
        ))}
      </div>
      <FolderLine folder={view.folder} text={text} />
      <DeliveryLine delivery={view.delivery} text={text} />
      <Actions>
        <button
          type="button"
          className="m-button m-button-primary"
          disabled={view.folder.kind !== 'ready'}
          onClick={() => send({ type: 'MENU_EXPORT_AUDIT' })}
        >
          {t.export}
        </button>
      </Actions>
    </>
  );
}
