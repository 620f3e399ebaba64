// 図3.3-6 情報提供可否の確認: who receives what, for which purpose, every retrieved item in a
// readable table, 確認 and 提供しない. The items exist in the DOM only while this screen is up.
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { formatValue } from '../format/format.ts';
import { messagesFor } from '../i18n/use-messages.ts';

export function ReviewScreen({ view, send }: ScreenProps<'review'>) {
  const text = messagesFor(view.language).review;
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
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => send({ type: 'DECLINE' })}>
          {text.decline}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => send({ type: 'CONFIRM', itemIds: view.items.map((item) => item.id) })}
        >
          {text.confirm}
        </button>
      </div>
    </Frame>
  );
}
