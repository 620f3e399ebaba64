// The menu's small pages: the refusal while a customer's card is held, the menu itself, and
// the pages shown while a command runs or the kiosk stops.
import { MENU_PAGES, PAGE_ACTIONS } from '../../../electron/common/maintenance/maintenance-view.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { OutcomeChart } from '../OutcomeChart.tsx';
import { ServiceState } from './ServiceState.tsx';

export function RefusedPage({ send, text }: PageProps<'refused'>) {
  return (
    <div className="notice" role="alert">
      <h1 className="title">{text.refused.title}</h1>
      <p className="lead">{text.refused.lead}</p>
      <Actions>
        <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_AFTER_CUSTOMER' })}>
          {text.refused.after}
        </button>
        <button type="button" className="m-button" onClick={() => send({ type: 'MENU_DISMISS' })}>
          {text.refused.dismiss}
        </button>
      </Actions>
    </div>
  );
}

export function HomePage({ view, send, text }: PageProps<'home'>) {
  const pages = MENU_PAGES.filter((page) => PAGE_ACTIONS[page].some((action) => view.allowed.includes(action)));
  return (
    <>
      <PageHeading title={text.title} text={text} send={send} back={false} />
      <ServiceState state={view.service} text={text} language={view.language} calendar={view.calendar} />
      {view.series ? <OutcomeChart series={view.series} text={text} /> : null}
      <ul className="m-menu">
        {pages.map((page) => (
          <li key={page}>
            <button type="button" className="m-button m-button-menu" onClick={() => send({ type: 'MENU_OPEN', page })}>
              {text.pages[page]}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function WorkingPage({ text }: PageProps<'working'>) {
  return (
    <div className="working" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <h1 className="title">{text.working}</h1>
    </div>
  );
}

export function StoppingPage({ view, text }: PageProps<'stopping'>) {
  return (
    <div className="working" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <h1 className="title">{text.stopping[view.kind]}</h1>
      <p className="lead">{text.stopping.lead}</p>
    </div>
  );
}
