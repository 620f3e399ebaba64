// From the number a customer quotes — the bank's receipt, or the kiosk's reference for a
// submission that was still being sent — to the customer's session, the gateway's retrieval
// and マイナポータル's processing id, from the audit trail alone: what staff need to answer an
// enquiry, and what the gateway and マイナポータル can be asked about. Pure: it reads records as
// AuditTrail.recent() returns them.
import type { AuditRecord } from './audit-trail.ts';

export interface ReceiptTrace {
  /** The customer session's id in the audit trail. */
  readonly session: string;
  /** The gateway's retrieval the consent was given for. */
  readonly retrieval: string;
  /** マイナポータル's processing id of that retrieval. */
  readonly process: string;
  /** The bank's receipt, once it acknowledged the submission. */
  readonly receipt: string | undefined;
  /** The kiosk's reference, where the customer was given one (the submission was still being sent). */
  readonly reference: string | undefined;
}

const text = (record: AuditRecord, key: string): string | undefined => {
  const value = record.detail?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The trace of a receipt or kiosk reference, or undefined when the trail names neither. */
export function traceReceipt(records: readonly AuditRecord[], quoted: string): ReceiptTrace | undefined {
  if (quoted === '') return undefined;
  // Delivered later by the courier: the delivery names both the receipt and the kiosk's reference.
  const delivery = records.find(
    (record) => record.event === 'submission-delivered' && (text(record, 'receipt') === quoted || text(record, 'reference') === quoted),
  );
  const reference = delivery ? text(delivery, 'reference') : quoted;
  // The session's own record of the submission: acknowledged at once, or queued with the reference.
  const named = records.find(
    (record) =>
      (record.event === 'submitted' && text(record, 'receipt') === quoted) ||
      (record.event === 'submission-queued' && text(record, 'reference') === reference),
  );
  const session = named?.session;
  if (!named || !session) return undefined;
  // The retrieval consented to: the session's last authentication before it (a retry authenticates anew).
  const authenticated = records.findLast(
    (record) => record.session === session && record.seq < named.seq && record.event === 'authenticated',
  );
  const retrieval = authenticated && text(authenticated, 'retrieval');
  const process = authenticated && text(authenticated, 'process');
  if (!retrieval || !process) return undefined;
  const queued = named.event === 'submission-queued';
  return {
    session,
    retrieval,
    process,
    receipt: queued ? delivery && text(delivery, 'receipt') : quoted,
    reference: queued ? reference : undefined,
  };
}
