// The version of a consent statement: the SHA-256 of exactly the lines the screen showed, in
// the customer's language. Recorded with the agreement (図3.3-3) and the consent (図3.3-6), so
// that which text a customer agreed to can be shown later, for any version of the kiosk.
import { createHash } from 'node:crypto';
import { consentStatement, type ConsentKind, type ConsentStatement, type ConsentSubject } from '../../common/consent-text.ts';
import type { Language } from '../../common/ui-events.ts';

/** The version of statement lines as drawn (also of lines read back from a screen). */
export function statementVersion(kind: ConsentKind, language: Language, statement: ConsentStatement): string {
  const { ask, retention, items, note } = statement;
  return createHash('sha256').update(JSON.stringify({ kind, language, ask, retention, items, note })).digest('hex');
}

export function consentTextVersion(kind: ConsentKind, subject: ConsentSubject, language: Language): string {
  return statementVersion(kind, language, consentStatement(kind, subject, language));
}
