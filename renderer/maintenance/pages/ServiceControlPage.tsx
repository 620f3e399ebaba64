// Service control: the kiosk out of service now (with what customers read) and back; each
// service switched off and on with a reason and an optional window. A planned suspension or
// an end of service reminds that デジタル庁 is to be notified two weeks ahead, and records when.
import { CUSTOMER_NOTICES, SWITCH_REASONS, type ServiceOffForm } from '../../../electron/common/maintenance/maintenance-view.ts';
import type { UiEvent } from '../../../electron/common/ui-events.ts';
import { formatDateTime, formatDay } from '../maintenance-format.ts';
import type { MaintenanceMessages } from '../maintenance-messages.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { Choice } from '../Choice.tsx';
import { DAY_STEPS, Stepper, TIME_STEPS } from '../Stepper.tsx';
import { ServiceState } from './ServiceState.tsx';

function OffForm({
  view,
  form,
  send,
  text,
}: {
  view: PageProps<'service-control'>['view'];
  form: ServiceOffForm;
  send: (event: UiEvent) => void;
  text: MaintenanceMessages;
}) {
  const t = text.serviceControl;
  const name = view.services.find((service) => service.id === form.serviceId)?.name[view.language] ?? form.serviceId;
  const when = (iso: string): string => formatDateTime(iso, view.language, view.calendar);
  return (
    <>
      <PageHeading title={t.form(name)} text={text} send={send} />
      <div className="m-form">
        <div className="m-form-column">
          <Choice
            label={t.reason}
            options={SWITCH_REASONS}
            chosen={form.reason}
            name={(reason) => t.reasons[reason]}
            onChoose={(reason) => send({ type: 'MENU_EDIT', edit: { kind: 'reason', reason } })}
          />
          <Stepper
            label={t.from}
            value={when(form.from)}
            steps={TIME_STEPS}
            text={text}
            onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'from', minutes } })}
          />
          {form.until === undefined ? (
            <div className="m-choice">
              <span className="m-stepper-label">{t.until}</span> {t.openEnded}
              <button
                type="button"
                className="m-button"
                onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'open-ended', openEnded: false } })}
              >
                {t.setEnd}
              </button>
            </div>
          ) : (
            <>
              <Stepper
                label={t.until}
                value={when(form.until)}
                steps={TIME_STEPS}
                text={text}
                onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'until', minutes } })}
              />
              <button
                type="button"
                className="m-button"
                onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'open-ended', openEnded: true } })}
              >
                {t.openEnded}
              </button>
            </>
          )}
        </div>
        <div className="m-form-column">
          {form.needsNotice ? (
            <>
              <p className="m-notice-text">{t.notice}</p>
              <Stepper
                label={t.notifiedOn}
                value={formatDay(form.notifiedOn, view.language, view.calendar)}
                steps={DAY_STEPS}
                text={text}
                onStep={(minutes) => send({ type: 'MENU_EDIT', edit: { kind: 'step', field: 'notifiedOn', minutes } })}
              />
              {form.noticeTooShort ? (
                <p className="alert" role="alert">
                  {t.tooShort}
                </p>
              ) : null}
            </>
          ) : null}
          <Actions>
            <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_SAVE' })}>
              {t.save}
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

export function ServiceControlPage({ view, send, text }: PageProps<'service-control'>) {
  const t = text.serviceControl;
  if (view.form) return <OffForm view={view} form={view.form} send={send} text={text} />;
  const mayStop = view.allowed.includes('switch-service') || view.allowed.includes('plan-suspension');
  const when = (iso: string): string => formatDateTime(iso, view.language, view.calendar);
  return (
    <>
      <PageHeading title={text.pages['service-control']} text={text} send={send} />
      <ServiceState state={view.service} text={text} language={view.language} calendar={view.calendar} />
      <section className="m-section" aria-label={t.kiosk}>
        {view.allowed.includes('suspend') ? (
          <div className="m-choice" role="group" aria-label={t.suspendNow}>
            <span className="m-stepper-label">{t.suspendNow}</span>
            {CUSTOMER_NOTICES.map((notice) => (
              <button key={notice} type="button" className="m-button" onClick={() => send({ type: 'MENU_SUSPEND', notice })}>
                {text.notices[notice]}
              </button>
            ))}
          </div>
        ) : null}
        {view.allowed.includes('resume') && view.service.causes.some((cause) => cause.kind === 'staff') ? (
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_RESUME' })}>
            {t.resume}
          </button>
        ) : null}
      </section>
      <ul className="m-services" aria-label={t.services}>
        {view.services.map((service) => (
          <li key={service.id} className="m-service" data-service={service.id}>
            <p className="m-service-name">
              {text.status.serviceLine(
                service.name[view.language],
                service.available ? text.status.available : text.status.unavailable,
                undefined,
              )}
              {service.switchedOff
                ? t.offLine(
                    t.reasons[service.switchedOff.reason],
                    t.planned(when(service.switchedOff.from), service.switchedOff.until && when(service.switchedOff.until)),
                  )
                : ''}
            </p>
            {mayStop ? (
              service.switchedOff ? (
                <button type="button" className="m-button" onClick={() => send({ type: 'MENU_SERVICE_ON', serviceId: service.id })}>
                  {t.switchOn}
                </button>
              ) : (
                <button
                  type="button"
                  className="m-button"
                  onClick={() => send({ type: 'MENU_FORM', form: { form: 'service-off', serviceId: service.id } })}
                >
                  {t.switchOff}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
