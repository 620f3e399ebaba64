// 図3.3-5: the 4-digit PIN on the kiosk's own keypad, under the name of the service it is for. Digits are never shown, only how many
// were typed; tries left are shown before entry, with a warning on the last try. A physical
// keypad or keyboard works too (digits, Backspace = 訂正, Enter = 確定, Escape = 取消); the
// screen mentions it only where the terminal has one (config display.physicalKeypad). Its keys
// are handled with every screen's (renderer/keypad/).
import { Frame, Title, type ScreenProps } from '../components/Frame.tsx';
import { messagesFor } from '../i18n/use-messages.ts';
import { PIN_LENGTH } from '../../electron/common/pin.ts';

export function PinScreen({ view, send }: ScreenProps<'pin'>) {
  const text = messagesFor(view.language);
  const lastTry = view.triesLeft === 1;
  // 取消 is a key of the pad, beside 訂正 and 確定, as on a bank's ATM: not a button apart.
  return (
    <Frame view={view} send={send} step="identity" cancel={false}>
      {/* Instructions beside the keypad on a landscape screen, above it on a portrait one. */}
      <div className="pin-layout">
        <div className="pin-info">
          <p className="service-name pin-service">{view.serviceName[view.language]}</p>
          <Title>{text.pin.title}</Title>
          <p className="lead">{text.pin.lead}</p>
          {view.lastAttemptWrong ? (
            <p className="alert" role="alert">
              {text.pin.wrong}
            </p>
          ) : null}
          {view.triesLeft !== undefined ? (
            <p className={lastTry ? 'alert alert-strong' : 'note'}>{lastTry ? text.pin.lastTry : text.pin.triesLeft(view.triesLeft)}</p>
          ) : null}
          {view.physicalKeypad ? <p className="note">{text.pin.keyboardHint}</p> : null}
        </div>
        <div className="pin-entry">
          <div className="pin-dots" role="img" aria-label={text.pin.digitsEntered(view.digits)}>
            {Array.from({ length: PIN_LENGTH }, (_, i) => (
              <span key={i} className={i < view.digits ? 'pin-dot pin-dot-filled' : 'pin-dot'} />
            ))}
          </div>
          <div className="keypad pin-pad">
            {view.keypad.slice(0, 9).map((digit) => (
              <button key={digit} type="button" className="key" onClick={() => send({ type: 'DIGIT', digit })}>
                {digit}
              </button>
            ))}
            <button type="button" className="key key-zero" onClick={() => send({ type: 'DIGIT', digit: view.keypad[9] ?? 0 })}>
              {view.keypad[9] ?? 0}
            </button>
            {view.canCancel ? (
              <button type="button" className="key key-cancel" data-action="cancel" onClick={() => send({ type: 'CANCEL' })}>
                {text.app.cancel}
              </button>
            ) : null}
            <button type="button" className="key key-correct" onClick={() => send({ type: 'BACKSPACE' })}>
              {text.pin.correct}
            </button>
            <button
              type="button"
              className="key key-submit"
              disabled={view.digits < PIN_LENGTH}
              onClick={() => send({ type: 'SUBMIT_PIN' })}
            >
              {text.pin.submit}
            </button>
          </div>
        </div>
      </div>
    </Frame>
  );
}
