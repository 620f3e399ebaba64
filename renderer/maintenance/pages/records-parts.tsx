// What the records pages say about where things go: the export folder as the kiosk finds it
// now, and what the last print or export actually did.
import type { ExportFolderView, RecordsDelivery } from '../../../electron/common/maintenance/records-view.ts';
import type { MaintenanceMessages } from '../maintenance-messages.ts';

export function FolderLine({ folder, text }: { folder: ExportFolderView; text: MaintenanceMessages }) {
  const t = text.records.folder;
  if (folder.kind === 'ready') return <p className="m-detail m-code">{t.ready(folder.path)}</p>;
  return (
    <p className="m-notice-text m-alert-text">{folder.kind === 'not-configured' ? t['not-configured'] : t[folder.kind](folder.path)}</p>
  );
}

export function DeliveryLine({ delivery, text }: { delivery: RecordsDelivery | undefined; text: MaintenanceMessages }) {
  if (!delivery) return null;
  const t = text.records;
  const { printed, saved } = delivery;
  const lines: { text: string; ok: boolean }[] = [];
  if (printed) lines.push(printed.ok ? { text: t.printed, ok: true } : { text: t.printFailed(printed.reason), ok: false });
  if (saved?.ok) {
    const files = text.list(saved.files);
    lines.push({
      text: saved.entries === undefined ? t.saved(saved.folder, files) : t.savedEntries(saved.entries, saved.folder, files),
      ok: true,
    });
  } else if (saved) {
    lines.push({ text: t.notSaved(saved.reason), ok: false });
  }
  return (
    <div className="m-delivery" role="status">
      {lines.map((line) => (
        <p key={line.text} className={line.ok ? 'm-detail m-code' : 'm-detail m-code m-alert-text'}>
          {line.text}
        </p>
      ))}
    </div>
  );
}
