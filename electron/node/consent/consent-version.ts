// The version of a consent statement: the SHA-256 of exactly the lines the screen showed, in
// the customer's language. Recorded with the agreement (図3.3-3) and the consent (図3.3-6), so
// that which text a customer agreed to can be shown later, for any version of the kiosk.
import { createHash } from 'node:crypto';
import { consentStatement, type ConsentKind, type ConsentSubject } from '../../common/consent-text.ts';
import type { Language } from '../../common/ui-events.ts';
import type { Service } from '../services/service-catalog.ts';

/** What the confirmation screen (図3.3-3) asks agreement to: the service and the items it asks for. */
export const consentSubject = (service: Service): ConsentSubject => ({ service, items: service.items });

export function consentTextVersion(kind: ConsentKind, subject: ConsentSubject, language: Language): string {
  const statement = consentStatement(kind, subject, language);
  return createHash('sha256')
    .update(JSON.stringify({ kind, language, ...statement }))
    .digest('hex');
}
