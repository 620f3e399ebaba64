// The operator maintenance menu as the kiosk core projects it: a staff header (who is signed
// in, the language, closing), the page, and the outcome of the last action. It draws what the
// view says and sends staff's input; which buttons it shows follows the permissions the view
// carries, while the kiosk core checks every command again.
import type { ReactNode } from 'react';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { maintenanceMessagesFor, type MaintenanceMessages } from './maintenance-messages.ts';
import { CardsPage } from './pages/CardsPage.tsx';
import { AuditExportPage } from './pages/AuditExportPage.tsx';
import { ConfigurationPage } from './pages/ConfigurationPage.tsx';
import { DayClosePage } from './pages/DayClosePage.tsx';
import { ReceiptLookupPage } from './pages/ReceiptLookupPage.tsx';
import { HomePage, RefusedPage, StoppingPage, WorkingPage } from './pages/simple-pages.tsx';
import { LogsPage } from './pages/LogsPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { ReaderTestPage } from './pages/ReaderTestPage.tsx';
import { SchedulesPage } from './pages/SchedulesPage.tsx';
import { SelfTestPage } from './pages/SelfTestPage.tsx';
import { ServiceControlPage } from './pages/ServiceControlPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { StaffPage } from './pages/StaffPage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';
import './maintenance.css';

export type MaintenanceViewModel = Extract<ViewModel, { screen: 'maintenance' }>;
export type Page = MaintenanceViewModel['page'];

export interface PageProps<P extends Page = Page> {
  readonly view: Extract<MaintenanceViewModel, { page: P }>;
  readonly send: (event: UiEvent) => void;
  readonly text: MaintenanceMessages;
}

function PageOf(props: PageProps) {
  const { view } = props;
  switch (view.page) {
    case 'refused':
      return <RefusedPage {...props} view={view} />;
    case 'sign-in':
      return <SignInPage {...props} view={view} />;
    case 'home':
      return <HomePage {...props} view={view} />;
    case 'status':
      return <StatusPage {...props} view={view} />;
    case 'reader-test':
      return <ReaderTestPage {...props} view={view} />;
    case 'self-test':
      return <SelfTestPage {...props} view={view} />;
    case 'service-control':
      return <ServiceControlPage {...props} view={view} />;
    case 'schedules':
      return <SchedulesPage {...props} view={view} />;
    case 'configuration':
      return <ConfigurationPage {...props} view={view} />;
    case 'staff':
      return <StaffPage {...props} view={view} />;
    case 'cards':
      return <CardsPage {...props} view={view} />;
    case 'outbox':
      return <OutboxPage {...props} view={view} />;
    case 'logs':
      return <LogsPage {...props} view={view} />;
    case 'day-close':
      return <DayClosePage {...props} view={view} />;
    case 'receipt-lookup':
      return <ReceiptLookupPage {...props} view={view} />;
    case 'audit-export':
      return <AuditExportPage {...props} view={view} />;
    case 'working':
      return <WorkingPage {...props} view={view} />;
    case 'stopping':
      return <StoppingPage {...props} view={view} />;
  }
}

/** A page's title, and its way back to the menu (pages other than the menu's own). */
export function PageHeading({
  title,
  text,
  send,
  back = true,
  action,
}: {
  title: string;
  text: MaintenanceMessages;
  send: (event: UiEvent) => void;
  back?: boolean;
  /** The page's own action beside the way back, where the page is too full to keep it below. */
  action?: ReactNode;
}) {
  return (
    <div className="m-heading">
      <h1 className="m-title">{title}</h1>
      <div className="m-heading-actions">
        {action}
        {back ? (
          <button type="button" className="m-button" onClick={() => send({ type: 'MENU_HOME' })}>
            {text.home}
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function Actions({ children }: { children: ReactNode }) {
  return <div className="m-actions">{children}</div>;
}

export function MaintenanceScreen({ view, send }: { view: MaintenanceViewModel; send: (event: UiEvent) => void }) {
  const text = maintenanceMessagesFor(view.language);
  const { result, staff } = view;
  return (
    <div className={`frame screen-maintenance maintenance page-${view.page}`} lang={view.language}>
      <header className="m-header">
        <p className="m-header-title">{text.title}</p>
        {staff ? <p className="m-header-staff">{text.signedIn(staff.number, text.roles[staff.role])}</p> : <span />}
        <div className="m-header-actions">
          <button
            type="button"
            className="m-button m-button-header"
            aria-label={text.languageLabel}
            onClick={() => send({ type: 'MENU_LANGUAGE', language: view.language === 'ja' ? 'en' : 'ja' })}
          >
            {text.language}
          </button>
          {view.page !== 'refused' && view.page !== 'stopping' ? (
            <button type="button" className="m-button m-button-header" onClick={() => send({ type: 'MENU_CLOSE' })}>
              {text.close}
            </button>
          ) : null}
        </div>
      </header>
      <main className="m-body">
        {result ? (
          <p className={result.outcome === 'done' ? 'm-result' : 'm-result m-result-alert'} role="status">
            {text.results[result.outcome](text.actions[result.action])}
          </p>
        ) : null}
        <PageOf view={view} send={send} text={text} />
      </main>
    </div>
  );
}
