// The log bundle for the maintenance vendor: where it goes, one button, and where the last one
// was written or plainly why not.
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';

export function LogsPage({ view, send, text }: PageProps<'logs'>) {
  const t = text.logs;
  const { folder, last } = view;
  return (
    <>
      <PageHeading title={text.pages.logs} text={text} send={send} />
      <p className="lead">{t.lead}</p>
      <p className={folder ? 'm-detail m-code' : 'm-result m-result-alert'}>{folder ? t.folder(folder) : t.notConfigured}</p>
      {last ? (
        <p className={last.written ? 'm-result' : 'm-result m-result-alert'} role="status">
          {last.written ? t.written(last.file, folder ?? '') : t.failed[last.reason]}
        </p>
      ) : null}
      <Actions>
        {folder ? (
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_EXPORT_LOGS' })}>
            {t.export}
          </button>
        ) : null}
      </Actions>
    </>
  );
}
