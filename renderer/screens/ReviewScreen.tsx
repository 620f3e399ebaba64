// 図3.3-6 情報提供可否の確認: who receives what, kept how long and for what, every retrieved
// item in a readable table, 確認 and 提供しない. The items exist in the DOM only while this screen is up.
// What the customer consents to is exactly the statement of consentStatement() (the ask, how
// long it is kept, each item by label and record, the note): the kiosk core records the
// version of these lines with the consent. An answer of several records (範囲指定, one per
// year) is shown record by record.
// Consent covers what the customer saw: when the table is longer than the screen, 確認 waits
// until it has been scrolled to the end, and a large button scrolls it for those who cannot swipe.
// The core holds to the same rule: it is told once the last item has been on screen (at once
// when everything fits), and takes 確認 only after that.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { consentStatement } from '../../electron/common/consent-text.ts';
import type { InformationItem } from '../../electron/common/income-items.ts';
import { itemKey } from '../../electron/common/item-key.ts';
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { formatValue } from '../format/format.ts';
import { messagesFor } from '../i18n/use-messages.ts';

/** Whether everything in a scrolling box has been on screen at least once; `onSeen` is called then, once. */
function useSeenToEnd(onSeen: () => void): { ref: RefObject<HTMLDivElement | null>; seenAll: boolean; check: () => void } {
  const ref = useRef<HTMLDivElement>(null);
  const [seenAll, setSeenAll] = useState(false);
  const reported = useRef(false);
  const check = useCallback(() => {
    const box = ref.current;
    if (!box || box.scrollTop + box.clientHeight < box.scrollHeight - 2) return;
    // Told before 確認 is enabled, so the core has it before any press of 確認.
    if (!reported.current) onSeen();
    reported.current = true;
    setSeenAll(true);
  }, [onSeen]);
  useLayoutEffect(() => {
    check();
    const box = ref.current;
    if (!box) return;
    const observer = new ResizeObserver(check);
    observer.observe(box);
    return () => observer.disconnect();
  }, [check]);
  return { ref, seenAll, check };
}

/** The items with their statement lines, in runs of one record each, in the order given. */
function byRecord(items: readonly InformationItem[], lines: readonly string[]) {
  const runs: { record: string | undefined; rows: { item: InformationItem; line: string }[] }[] = [];
  items.forEach((item, i) => {
    const row = { item, line: lines[i] ?? '' };
    const run = runs.at(-1);
    if (run && run.record === item.record) run.rows.push(row);
    else runs.push({ record: item.record, rows: [row] });
  });
  return runs;
}

export function ReviewScreen({ view, send }: ScreenProps<'review'>) {
  const text = messagesFor(view.language).review;
  const statement = consentStatement('provision', { service: view.service, items: view.items }, view.language);
  const last = view.items.at(-1);
  const lastItemKey = last && itemKey(last);
  const reportSeen = useCallback(() => {
    if (lastItemKey) send({ type: 'REVIEW_SEEN', lastItemKey });
  }, [send, lastItemKey]);
  const { ref, seenAll, check } = useSeenToEnd(reportSeen);
  const showMore = (): void => {
    const box = ref.current;
    box?.scrollBy({ top: box.clientHeight * 0.8 });
  };
  // 提供しない is this screen's way to stop: 取消 beside it would be a second word for the same.
  return (
    <Frame
      view={view}
      send={send}
      step="review"
      cancel={false}
      actions={
        <>
          {seenAll ? null : (
            <button type="button" className="button button-secondary" data-key="enter" onClick={showMore}>
              {text.more}
              <span className="button-hint">{text.seeAll}</span>
            </button>
          )}
          <button type="button" className="button button-secondary" data-action="decline" onClick={() => send({ type: 'DECLINE' })}>
            {text.decline}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!seenAll}
            onClick={() => send({ type: 'CONFIRM', itemKeys: view.items.map(itemKey) })}
          >
            {text.confirm}
          </button>
        </>
      }
    >
      <Title>{text.title}</Title>
      {/* The statement beside the table on a landscape screen (the table gets the height), around it on a portrait one. */}
      <div className="review-body">
        <p className="lead review-ask" data-consent="ask">
          {statement.ask}
        </p>
        <p className="note review-retention" data-consent="retention">
          {statement.retention}
        </p>
        <div className="items-scroll" ref={ref} onScroll={check} data-scroll-guard="" role="region" aria-label={text.items} tabIndex={0}>
          <table className="items">
            <thead>
              <tr>
                <th scope="col">{text.item}</th>
                <th scope="col">{text.value}</th>
              </tr>
            </thead>
            {byRecord(view.items, statement.items).map(({ record, rows }, run) => (
              <tbody key={`${String(run)}:${record ?? ''}`} className="record" data-record={record}>
                {rows.map(({ item, line }) => (
                  <tr key={itemKey(item)} data-item={itemKey(item)}>
                    <th scope="row" data-consent="item">
                      {line}
                    </th>
                    <td>{formatValue(item.value, view.language, view.calendar, text.noInformation)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
        <p className="note review-note" data-consent="note">
          {statement.note}
        </p>
      </div>
    </Frame>
  );
}
