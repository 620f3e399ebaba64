// The evidence of the customer's two agreements: 同意して進む on the confirmation screen
// (図3.3-3, obtaining the information through マイナポータル) and 確認 on the review screen
// (図3.3-6, providing it). Stamped by the kiosk core on the screen's event as it arrives: the
// moment it was pressed, and the version of the statement the view on screen was drawing, in
// its language, items and retention. The screen draws exactly consentStatement() of that view,
// so the version names the text the customer read.
import { agreementSubject } from '../../common/consent-text.ts';
import type { UiEvent } from '../../common/ui-events.ts';
import type { ViewModel } from '../../common/view-model.ts';
import type { CustomerEvent } from '../session/session-types.ts';
import { consentTextVersion } from './consent-version.ts';

/**
 * The event as the session is to receive it. An agreement or a consent sent while its screen is
 * not up has nothing it could be evidence of (the session would ignore it): undefined.
 */
export function withEvidence(event: UiEvent, shown: ViewModel, at: Date): CustomerEvent | undefined {
  switch (event.type) {
    case 'AGREE':
      if (shown.screen !== 'confirmation') return undefined;
      return {
        ...event,
        agreedAt: at.toISOString(),
        textVersion: consentTextVersion('agreement', agreementSubject(shown.service), shown.language),
      };
    case 'CONFIRM':
      if (shown.screen !== 'review') return undefined;
      return {
        ...event,
        consentedAt: at.toISOString(),
        textVersion: consentTextVersion('provision', { service: shown.service, items: shown.items }, shown.language),
      };
    default:
      return event;
  }
}
