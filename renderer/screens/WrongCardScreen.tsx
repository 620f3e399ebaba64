// A card the kiosk cannot use, given back: with tries left, the customer is asked for their My
// Number card again in the same session (取消 ends it); the last try ends the session.
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { CARD_RETURN_MESSAGES } from '../i18n/card-return-messages.ts';
import { counterHelp } from '../i18n/counter-help.ts';
import { messagesFor } from '../i18n/use-messages.ts';

export function WrongCardScreen({ view, send }: ScreenProps<'wrong-card'>) {
  const text = CARD_RETURN_MESSAGES[view.language].wrongCard;
  const again = view.triesLeft > 0;
  // With tries left the only way out is 取消 (the frame's); the last try's notice is closed.
  const close = again ? undefined : (
    <button type="button" className="button button-primary" onClick={() => send({ type: 'DISMISS' })}>
      {messagesFor(view.language).common.close}
    </button>
  );
  return (
    <Frame view={view} send={send} step={again ? 'card' : undefined} actions={close}>
      <div className="notice notice-alert" role="alert">
        <Title>{again ? text.title : text.limitTitle}</Title>
        <p className="lead">{text[view.problem]}</p>
        {again ? (
          <>
            <p className="lead">{text.again}</p>
            <p className="lead">{text.triesLeft(view.triesLeft)}</p>
          </>
        ) : (
          <>
            <p className="lead">{text.limit}</p>
            <p className="lead">{counterHelp(view.language, view.counter)}</p>
          </>
        )}
      </div>
    </Frame>
  );
}
