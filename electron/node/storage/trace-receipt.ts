// From the number a customer quotes — the bank's receipt, or the kiosk's reference for a
// submission that was still being sent — to the customer's session, the gateway's retrieval
// and マイナポータル's processing id, from the audit trail alone: what staff need to answer an
// enquiry, and what the gateway and マイナポータル can be asked about; and that session's timeline
// for the operator menu's receipt lookup. Pure: it reads records as AuditTrail.recordsOfReceipt()
// returns them (any records that include those do).
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

/** One step of a session's timeline: when, what, and the event's detail (ids, reasons, counts). */
export interface TimelineEntry {
  readonly at: string;
  readonly event: string;
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

export interface ReceiptTimeline {
  readonly trace: ReceiptTrace;
  /** The service the customer chose (its id). */
  readonly service: string | undefined;
  /** The session's records, and the courier's records of its submission, in order. */
  readonly timeline: readonly TimelineEntry[];
}

/**
 * The timeline of the session a receipt or kiosk reference names, or undefined when the trail
 * names neither. The card's keyed hash is left out: staff answering an enquiry do not need to
 * link it to the card's other visits.
 */
export function receiptTimeline(records: readonly AuditRecord[], quoted: string): ReceiptTimeline | undefined {
  const trace = traceReceipt(records, quoted);
  if (!trace) return undefined;
  const own = records.filter((record) => record.session === trace.session);
  // The courier's records of this submission: named by its reference, or by the outbox id those carry.
  const reference = trace.reference;
  const ids = new Set(
    records.flatMap((record) => {
      const id = text(record, 'id');
      return record.session === null && id && reference !== undefined && text(record, 'reference') === reference ? [id] : [];
    }),
  );
  const courier = records.filter((record) => {
    if (record.session !== null) return false;
    const id = text(record, 'id');
    return (id !== undefined && ids.has(id)) || (trace.receipt !== undefined && text(record, 'receipt') === trace.receipt);
  });
  const chosen = own.findLast((record) => record.event === 'service-selected');
  return {
    trace,
    service: chosen && text(chosen, 'serviceId'),
    timeline: [...own, ...courier]
      .sort((a, b) => a.seq - b.seq)
      .map(({ at, event, detail }) => ({
        at,
        event,
        detail: Object.fromEntries(Object.entries(detail ?? {}).filter(([name]) => name !== 'card')),
      })),
  };
}
