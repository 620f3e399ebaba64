// Receipt lookup: staff type the number a customer quotes on keys of exactly the receipt
// numbers' alphabet (no look-alike characters, no physical keyboard needed) and see that
// session's timeline from the audit trail: times, events and codes, nothing personal.
import { RECEIPT_BLOCK, RECEIPT_KEYS, receiptShown } from '../../../electron/common/receipt-number.ts';
import type { TimelineEntryView } from '../../../electron/common/maintenance/records-view.ts';
import type { Language } from '../../../electron/common/ui-events.ts';
import { formatDay } from '../maintenance-format.ts';
import { PageHeading, type PageProps } from '../MaintenanceScreen.tsx';

/** 14:03:27 in Japan time. */
const clock = (at: string, language: Language): string =>
  new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));

const details = (entry: TimelineEntryView): string =>
  Object.entries(entry.detail)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');

export function ReceiptLookupPage({ view, send, text }: PageProps<'receipt-lookup'>) {
  const t = text.records;
  const { lookup } = view;
  const complete = view.typed.length === RECEIPT_BLOCK * 2;
  return (
    <>
      <PageHeading title={text.pages['receipt-lookup']} text={text} send={send} />
      <div className="m-lookup">
        <div className="m-lookup-entry">
          <p className="m-prompt">{t.lookupLead}</p>
          <p className="m-receipt-typed m-code" aria-live="polite">
            {t.typed(receiptShown(view.typed))}
          </p>
          <div className="m-receipt-keys">
            {RECEIPT_KEYS.map((key) => (
              <button
                key={key}
                type="button"
                className="key m-receipt-key"
                disabled={complete}
                onClick={() => send({ type: 'MENU_RECEIPT_KEY', key })}
              >
                {key}
              </button>
            ))}
            <button
              type="button"
              className="key key-correct m-receipt-wide"
              disabled={view.typed === ''}
              onClick={() => send({ type: 'MENU_BACKSPACE' })}
            >
              {t.delete}
            </button>
            <button
              type="button"
              className="key key-submit m-receipt-wide"
              disabled={!complete}
              onClick={() => send({ type: 'MENU_ENTER' })}
            >
              {t.lookup}
            </button>
          </div>
        </div>
        <div className="m-lookup-result">
          {lookup.kind === 'not-found' ? <p className="m-prompt m-alert-text">{t.notFound(lookup.quoted)}</p> : null}
          {lookup.kind === 'found' ? (
            <>
              <p className="m-prompt">{t.found(lookup.quoted, lookup.service ?? '—')}</p>
              <p className="m-detail">
                {t.receipt(lookup.receipt, lookup.reference)}
                {lookup.timeline[0] ? ` — ${formatDay(lookup.timeline[0].at.slice(0, 10), view.language, view.calendar)}` : ''}
              </p>
              <ol className="m-timeline" tabIndex={0} aria-label={t.found(lookup.quoted, lookup.service ?? '—')}>
                {lookup.timeline.map((entry, index) => (
                  <li key={`${entry.at}-${String(index)}`}>
                    <span className="m-code">{clock(entry.at, view.language)}</span> <strong className="m-code">{entry.event}</strong>{' '}
                    <span className="m-code m-timeline-detail">{details(entry)}</span>
                  </li>
                ))}
              </ol>
              <p className="m-detail">{t.noPersonalData}</p>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
