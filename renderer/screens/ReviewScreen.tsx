// 図3.3-6 情報提供可否の確認: who receives what, for which purpose, every retrieved item in a
// readable table, 確認 and 提供しない. The items exist in the DOM only while this screen is up.
// Consent covers what the customer saw: when the table is longer than the screen, 確認 waits
// until it has been scrolled to the end, and a large button scrolls it for those who cannot swipe.
// The core holds to the same rule: it is told once the last item has been on screen (at once
// when everything fits), and takes 確認 only after that.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
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

export function ReviewScreen({ view, send }: ScreenProps<'review'>) {
  const text = messagesFor(view.language).review;
  const lastItemId = view.items.at(-1)?.id;
  const reportSeen = useCallback(() => {
    if (lastItemId) send({ type: 'REVIEW_SEEN', lastItemId });
  }, [send, lastItemId]);
  const { ref, seenAll, check } = useSeenToEnd(reportSeen);
  const showMore = (): void => {
    const box = ref.current;
    box?.scrollBy({ top: box.clientHeight * 0.8 });
  };
  return (
    <Frame view={view} send={send}>
      <Title>{text.title}</Title>
      <p className="lead">{text.lead}</p>
      <dl className="facts facts-inline">
        <dt>{text.recipient}</dt>
        <dd>{view.service.recipient[view.language]}</dd>
        <dt>{text.purpose}</dt>
        <dd>{view.service.purpose[view.language]}</dd>
      </dl>
      <div className="items-scroll" ref={ref} onScroll={check} data-scroll-guard="" role="region" aria-label={text.items} tabIndex={0}>
        <table className="items">
          <thead>
            <tr>
              <th scope="col">{text.item}</th>
              <th scope="col">{text.value}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => (
              <tr key={item.id} data-item={item.id}>
                <th scope="row">{item.label[view.language]}</th>
                <td>{formatValue(item.value, view.language, view.calendar, text.noInformation)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        {seenAll ? null : (
          <button type="button" className="button button-secondary" data-key="enter" onClick={showMore}>
            {text.more}
            <span className="button-hint">{text.seeAll}</span>
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={() => send({ type: 'DECLINE' })}>
          {text.decline}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!seenAll}
          onClick={() => send({ type: 'CONFIRM', itemIds: view.items.map((item) => item.id) })}
        >
          {text.confirm}
        </button>
      </div>
    </Frame>
  );
}
