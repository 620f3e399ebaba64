// 図3.3-5: the 4-digit PIN on the kiosk's own keypad, under the name of the service it is for. Digits are never shown, only how many
// were typed; tries left are shown before entry, with a warning on the last try. A physical
// keypad or keyboard works too (digits, Backspace = 訂正, Enter = 確定, Escape = 取消); the
// screen mentions it only where the terminal has one (config display.physicalKeypad). Its keys
// are handled with every screen's (renderer/keypad/).
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { messagesFor } from '../i18n/use-messages.ts';
import { PIN_LENGTH } from '../../electron/common/pin.ts';

export function PinScreen({ view, send }: ScreenProps<'pin'>) {
  const text = messagesFor(view.language).pin;

  const lastTry = view.triesLeft === 1;
  return (
    <Frame view={view} send={send}>
      <p className="service-name pin-service">{view.serviceName[view.language]}</p>
      <Title>{text.title}</Title>
      {/* Instructions beside the keypad on a landscape screen, above it on a portrait one. */}
      <div className="pin-layout">
        <div className="pin-info">
          <p className="lead">{text.lead}</p>
          {view.lastAttemptWrong ? (
            <p className="alert" role="alert">
              {text.wrong}
            </p>
          ) : null}
          {view.triesLeft !== undefined ? (
            <p className={lastTry ? 'alert alert-strong' : 'note'}>{lastTry ? text.lastTry : text.triesLeft(view.triesLeft)}</p>
          ) : null}
          {view.physicalKeypad ? <p className="note">{text.keyboardHint}</p> : null}
        </div>
        <div className="pin-entry">
          <div className="pin-dots" role="img" aria-label={text.digitsEntered(view.digits)}>
            {Array.from({ length: PIN_LENGTH }, (_, i) => (
              <span key={i} className={i < view.digits ? 'pin-dot pin-dot-filled' : 'pin-dot'} />
            ))}
          </div>
          <div className="keypad">
            {view.keypad.slice(0, 9).map((digit) => (
              <button key={digit} type="button" className="key" onClick={() => send({ type: 'DIGIT', digit })}>
                {digit}
              </button>
            ))}
            <button type="button" className="key key-correct" onClick={() => send({ type: 'BACKSPACE' })}>
              {text.correct}
            </button>
            <button type="button" className="key" onClick={() => send({ type: 'DIGIT', digit: view.keypad[9] ?? 0 })}>
              {view.keypad[9] ?? 0}
            </button>
            <button
              type="button"
              className="key key-submit"
              disabled={view.digits < PIN_LENGTH}
              onClick={() => send({ type: 'SUBMIT_PIN' })}
            >
              {text.submit}
            </button>
          </div>
        </div>
      </div>
    </Frame>
  );
}
