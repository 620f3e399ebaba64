// What staff see when the maintenance menu's code cannot be loaded (a damaged installation):
// said in both languages, since the menu's own texts are in the code that failed to load, with
// the one way out the kiosk core always accepts. The core still holds the menu open and audited.
import type { UiEvent } from '../../electron/common/ui-events.ts';

export function MenuUnavailable({ send }: { send: (event: UiEvent) => void }) {
  return (
    <main className="frame">
      <h1 tabIndex={-1}>メンテナンスメニューを表示できません / The maintenance menu cannot be shown</h1>
      <p className="lead">
        端末のソフトウェアが破損している可能性があります。保守会社に連絡してください。 / The terminal&apos;s software may be damaged: call
        the maintenance vendor.
      </p>
      <button type="button" className="primary" onClick={() => send({ type: 'MENU_CLOSE' })}>
        閉じる / Close
      </button>
    </main>
  );
}
