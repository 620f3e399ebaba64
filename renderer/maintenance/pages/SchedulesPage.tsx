// Schedules: the effective schedule of each system the services need, the branch's planned
// stops, holiday overrides and staffed hours, each change previewed as "when is each service
// available" before it is saved (with a second staff member's approval).
import {
  SCHEDULE_TABS,
  type ScheduleForm,
  type ServiceAvailabilityView,
  type StaffedHours,
} from '../../../electron/common/maintenance/maintenance-view.ts';
import type { ReactNode } from 'react';
import type { FormKind } from '../../../electron/common/maintenance/maintenance-events.ts';
import type { UiEvent } from '../../../electron/common/ui-events.ts';
import { formatDateTime, formatDay, ruleText, systemName } from '../maintenance-format.ts';
import type { MaintenanceMessages } from '../maintenance-messages.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { Choice } from '../Choice.tsx';
import { DAY_STEPS, Stepper, TIME_STEPS } from '../Stepper.tsx';

type View = PageProps<'schedules'>['view'];

function Preview({ services, view, text }: { services: readonly ServiceAvailabilityView[]; view: View; text: MaintenanceMessages }) {
  const t = text.status;
  return (
    <ul className="m-preview" aria-label={text.schedules.preview}>
      {services.map((service) => (
        <li key={service.id} data-service={service.id}>
          {t.serviceLine(
            service.name[view.language],
            service.available ? t.available : t.unavailable,
            service.nextChangeAt && t.nextChange(formatDateTime(service.nextChangeAt, view.language, view.calendar)),
          )}
        </li>
      ))}
    </ul>
  );
}

const DAYS = ['weekdays', 'saturday', 'sundaysAndHolidays'] as const;

function StaffedHoursEditor({ hours, send, text }: { hours: StaffedHours; send: (event: UiEvent) => void; text: MaintenanceMessages }) {
  const t = text.schedules;
  return (
    <div className="m-staffed">
      {DAYS.map((day) => {
        const window = hours[day];
        return (
          <div key={day} className="m-staffed-day" role="group" aria-label={t.days[day]}>
            <p className="m-stepper-value">
              <span className="m-stepper-label">{t.days[day]}</span> {window ? t.window(window.from, window.to) : t.closed}
            </p>
            <div className="m-stepper-buttons">
              {window
                ? (['from', 'to'] as const).flatMap((bound) =>
                    ([-30, 30] as const).map((minutes) => (
                      <button
                        key={`${bound}${String(minutes)}`}
                        type="button"
                        className="m-button m-button-step"
                        onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'staffed', day, bound, minutes } })}
                      >
                        {bound === 'from' ? '▶' : '◀'} {text.steps[String(minutes)]}
                      </button>
                    )),
                  )
                : null}
              <button
                type="button"
                className="m-button m-button-step"
                onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'staffed-closed', day, closed: window !== null } })}
              >
                {window ? t.closed : t.open}
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}

function FormView({
  form,
  view,
  send,
  text,
}: {
  form: ScheduleForm;
  view: View;
  send: (event: UiEvent) => void;
  text: MaintenanceMessages;
}) {
  const t = text.schedules;
  const when = (iso: string): string => formatDateTime(iso, view.language, view.calendar);
  return (
    <div className="m-form">
      <div className="m-form-column">
        {form.form === 'planned-stop' ? (
          <>
            <div className="m-choice" role="group" aria-label={t.system}>
              <span className="m-stepper-label">{t.system}</span> <strong>{systemName(form.system, text)}</strong>
              <button
                type="button"
                className="m-button m-button-step"
                onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'system', direction: -1 } })}
              >
                {t.previous}
              </button>
              <button
                type="button"
                className="m-button m-button-step"
                onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'system', direction: 1 } })}
              >
                {t.next}
              </button>
            </div>
            <Stepper
              label={text.serviceControl.from}
              value={when(form.from)}
              steps={TIME_STEPS}
              text={text}
              onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'from', minutes } })}
            />
            <Stepper
              label={text.serviceControl.until}
              value={when(form.until)}
              steps={TIME_STEPS}
              text={text}
              onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'until', minutes } })}
            />
          </>
        ) : null}
        {form.form === 'holiday' ? (
          <>
            <Stepper
              label={t.date}
              value={formatDay(form.date, view.language, view.calendar)}
              steps={DAY_STEPS}
              text={text}
              onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'date', minutes } })}
            />
            <Choice
              options={[true, false] as const}
              chosen={form.holiday}
              name={(holiday) => (holiday ? t.asHoliday : t.asWorkingDay)}
              onChoose={(holiday) => send({ type: 'MENU_EDIT', edit: { kind: 'holiday', holiday } })}
            />
          </>
        ) : null}
        {form.form === 'staffed-hours' ? <StaffedHoursEditor hours={form.hours} send={send} text={text} /> : null}
      </div>
      <div className="m-form-column">
        <p className="m-stepper-label">{t.preview}</p>
        <Preview services={view.preview} view={view} text={text} />
        <Actions>
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_SAVE' })}>
            {form.form === 'staffed-hours' ? t.save : t.add}
          </button>
          <button type="button" className="m-button" onClick={() => send({ type: 'MENU_CANCEL_FORM' })}>
            {text.cancel}
          </button>
        </Actions>
      </div>
    </div>
  );
}

export function SchedulesPage({ view, send, text }: PageProps<'schedules'>) {
  const t = text.schedules;
  const mayEdit = view.allowed.includes('edit-schedules');
  const when = (iso: string): string => formatDateTime(iso, view.language, view.calendar);
  const { overrides } = view;
  const removeButton = (id: string): ReactNode =>
    mayEdit ? (
      <button type="button" className="m-button" onClick={() => send({ type: 'MENU_REMOVE_OVERRIDE', id })}>
        {t.remove}
      </button>
    ) : null;
  const formButton = (form: FormKind, label: string): ReactNode =>
    mayEdit ? (
      <Actions>
        <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_FORM', form })}>
          {label}
        </button>
      </Actions>
    ) : null;
  return (
    <>
      <PageHeading title={text.pages.schedules} text={text} send={send} />
      <div className="m-tabs" role="tablist">
        {SCHEDULE_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={view.tab === tab}
            className={view.tab === tab ? 'm-button m-button-chosen' : 'm-button'}
            onClick={() => send({ type: 'MENU_TAB', tab })}
          >
            {t.tabs[tab]}
          </button>
        ))}
      </div>
      {view.form ? (
        <FormView form={view.form} view={view} send={send} text={text} />
      ) : view.tab === 'effective' ? (
        <>
          <Preview services={view.preview} view={view} text={text} />
          <dl className="m-rows m-rows-two">
            {view.systems.map((system) => (
              <div key={system.system} className={system.runningNow ? 'm-row' : 'm-row m-row-alert'} data-system={system.system}>
                <dt>{t.systemState(systemName(system.system, text), system.runningNow ? t.runningNow : t.stoppedNow)}</dt>
                <dd>
                  {system.rules.length > 0
                    ? text.list(system.rules.map((rule) => ruleText(rule, text, view.language, view.calendar)))
                    : '—'}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : view.tab === 'stops' ? (
        <>
          <ul className="m-list">
            {overrides.stops.length === 0 ? <li>{t.noStops}</li> : null}
            {overrides.stops.map((stop) => (
              <li key={stop.id}>
                <span>{t.stop(systemName(stop.system, text), when(stop.from), when(stop.until))}</span>
                {removeButton(stop.id)}
              </li>
            ))}
          </ul>
          {formButton({ form: 'planned-stop' }, t.add)}
        </>
      ) : view.tab === 'holidays' ? (
        <>
          <ul className="m-list">
            {overrides.holidays.length === 0 ? <li>{t.noHolidays}</li> : null}
            {overrides.holidays.map((entry) => (
              <li key={entry.date}>
                <span>{t.holidayEntry(formatDay(entry.date, view.language, view.calendar), entry.holiday)}</span>
                {removeButton(entry.date)}
              </li>
            ))}
          </ul>
          {formButton({ form: 'holiday' }, t.add)}
        </>
      ) : (
        <>
          <ul className="m-list">
            {overrides.staffedHours ? (
              DAYS.map((day) => {
                const window = overrides.staffedHours?.[day] ?? null;
                return <li key={day}>{t.dayLine(t.days[day], window ? t.window(window.from, window.to) : t.closed)}</li>;
              })
            ) : (
              <li>{t.staffedNone}</li>
            )}
          </ul>
          {formButton({ form: 'staffed-hours' }, t.save)}
        </>
      )}
    </>
  );
}
