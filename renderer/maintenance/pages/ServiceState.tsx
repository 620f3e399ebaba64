// In or out of service, and every reason why, as staff read it.
import type { KioskServiceState } from '../../../electron/common/maintenance/maintenance-view.ts';
import type { Language } from '../../../electron/common/ui-events.ts';
import type { Calendar } from '../../../electron/common/view-model.ts';
import { formatDateTime } from '../maintenance-format.ts';
import type { MaintenanceMessages } from '../maintenance-messages.ts';

export function ServiceState({
  state,
  text,
  language,
  calendar,
}: {
  state: KioskServiceState;
  text: MaintenanceMessages;
  language: Language;
  calendar: Calendar;
}) {
  const t = text.service;
  return (
    <div className={state.inService ? 'm-state' : 'm-state m-state-out'}>
      <p className="m-state-title">{state.inService ? t.inService : t.outOfService}</p>
      {state.causes.length > 0 ? (
        <ul className="m-causes">
          {state.causes.map((cause) => {
            switch (cause.kind) {
              case 'staff':
                return (
                  <li key="staff">{t.staff(text.notices[cause.notice], cause.staff, formatDateTime(cause.since, language, calendar))}</li>
                );
              case 'self-test':
                return <li key="self-test">{t.selfTest(text.list(cause.checks.map((check) => text.selfTest.checks[check])))}</li>;
              case 'screen-fault':
                return <li key="screen-fault">{t.screenFault}</li>;
              case 'no-reader':
                return <li key="no-reader">{t.noReader}</li>;
              case 'gateway-down':
                return <li key="gateway-down">{t.gatewayDown}</li>;
              case 'card-left-behind':
                return <li key="card-left-behind">{t.cardLeftBehind(formatDateTime(cause.since, language, calendar))}</li>;
            }
          })}
        </ul>
      ) : null}
    </div>
  );
}
