// The kiosk ↔ gateway protocol as zod schemas, shared by the kiosk's client and the reference
// gateway. Everything received is parsed with these, and the OpenAPI document's component
// schemas (kiosk-gateway.openapi.yaml) are generated from them (npm run openapi): one source.
import { z } from 'zod';
import { InformationItemSchema } from '../../common/income-items.ts';
import { ScheduleRuleSchema, SystemIdSchema } from '../hours/schedule-rules.ts';
import { MynaportalServiceIdSchema } from '../services/service-catalog.ts';

/** The protocol's named schemas: the OpenAPI document's components are generated from this registry. */
export const PROTOCOL = z.registry<{ id: string; description?: string }>();

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(16_384);
const retrievalId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const instant = z.iso.datetime({ offset: true });
/** SHA-256 of the consent text the customer had on screen, hex: which version they agreed to. */
const textVersion = z.string().regex(/^[0-9a-f]{64}$/);
const itemId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/);

export const ResolvedQuerySchema = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('point'), date: z.iso.date() }).meta({ description: '時点指定: what was valid on the date' }),
    z
      .object({ method: z.literal('range'), from: z.iso.date(), to: z.iso.date() })
      .meta({ description: '範囲指定: every record of the period' }),
    z
      .object({ method: z.literal('latest'), decidingItem: itemId })
      .meta({ description: '最新情報指定: the latest record, as decided by the named period or time item' }),
  ])
  .register(PROTOCOL, { id: 'Query' });
export type ResolvedQuery = z.infer<typeof ResolvedQuerySchema>;

export const HealthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), mynaportal: z.enum(['up', 'down']) })
  .register(PROTOCOL, { id: 'Health' });
export type Health = z.infer<typeof HealthSchema>;

/** The customer's agreement on the confirmation screen (図3.3-3) to obtain the information through マイナポータル. */
export const AgreementSchema = z.object({ agreedAt: instant, textVersion }).register(PROTOCOL, { id: 'Agreement' });
export type Agreement = z.infer<typeof AgreementSchema>;

export const RetrievalRequestSchema = z
  .object({
    /** The service's ID in マイナポータル; the kiosk's own name for it stays on the kiosk. */
    mynaportalServiceId: MynaportalServiceIdSchema,
    query: ResolvedQuerySchema,
    agreement: AgreementSchema,
  })
  .register(PROTOCOL, { id: 'RetrievalRequest' });
export type RetrievalRequest = z.infer<typeof RetrievalRequestSchema>;

export const ChallengeSchema = z
  .object({
    retrievalId,
    /** What the card signs: issued by マイナポータル where its interface supplies one, else by the gateway. */
    challenge: base64url.min(43).max(64),
    expiresAt: instant,
  })
  .register(PROTOCOL, { id: 'Challenge' });
export type Challenge = z.infer<typeof ChallengeSchema>;

export const AuthenticationSchema = z
  .object({ certificate: base64url.min(100), signature: base64url.min(342).max(342) })
  .register(PROTOCOL, {
    id: 'Authentication',
    description: '利用者証明: the certificate (DER) and the signature over the challenge, base64url',
  });
export const AuthenticatedSchema = z
  .object({
    /** マイナポータル's processing id of the retrieval: recorded, so that a receipt leads to it. */
    processId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  })
  .register(PROTOCOL, { id: 'Authenticated' });
export type Authenticated = z.infer<typeof AuthenticatedSchema>;

/** A certificate just read from a card, asked about before the customer is asked for a PIN. */
export const CertificateCheckSchema = z
  .object({ certificate: base64url.min(100) })
  .register(PROTOCOL, { id: 'CertificateCheck', description: 'the user-authentication certificate (DER), base64url' });
export type CertificateCheck = z.infer<typeof CertificateCheckSchema>;

/**
 * Whether the certificate's issuer has revoked it, as far as the gateway knows now: 'unknown'
 * where it cannot tell (no current CRL, a chain it cannot place). Anything else about the
 * certificate is judged at authentication, as before.
 */
export const CertificateStatusSchema = z
  .object({ revocation: z.enum(['good', 'revoked', 'unknown']) })
  .register(PROTOCOL, { id: 'CertificateStatus' });
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

export const RETRIEVAL_FAILURES = [
  'no-information',
  'holding-server-unavailable',
  'mynaportal-error',
  'expired',
  /** The customer has not registered with マイナポータル (利用者登録): they do so, then come back. */
  'not-registered',
  /** マイナポータル refused the request (e.g. the service is not allowed this information). */
  'refused',
] as const;
export type RetrievalFailure = (typeof RETRIEVAL_FAILURES)[number];

export const RetrievalStatusSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('pending'), retryAfterMs: z.number().int().min(0).max(60_000) }),
    z.object({
      status: z.literal('ready'),
      items: z.array(InformationItemSchema).max(300),
      /** Until when the gateway holds the retrieval for the customer's consent; deleted after. */
      heldUntil: instant,
    }),
    z.object({ status: z.literal('failed'), reason: z.enum(RETRIEVAL_FAILURES), retryable: z.boolean() }),
  ])
  .register(PROTOCOL, { id: 'RetrievalStatus' });
export type RetrievalStatus = z.infer<typeof RetrievalStatusSchema>;

/** The customer's consent on the review screen (図3.3-6): when, to which text, for how long. */
export const ConsentSchema = z
  .object({ consentedAt: instant, textVersion, retentionDays: z.number().int().min(1).max(3650) })
  .register(PROTOCOL, { id: 'Consent' });
export type Consent = z.infer<typeof ConsentSchema>;

export const SubmissionSchema = z
  .object({
    retrievalId,
    mynaportalServiceId: MynaportalServiceIdSchema,
    submissionTarget: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
    consent: ConsentSchema,
    items: z.array(InformationItemSchema).min(1).max(300),
  })
  .register(PROTOCOL, { id: 'Submission' });
export type Submission = z.infer<typeof SubmissionSchema>;

export const ReceiptSchema = z
  .object({
    /** What the customer is told, and staff look up: short, in the bank's format. */
    receiptId: z.string().regex(/^[A-Z0-9-]{6,40}$/),
    receivedAt: instant,
  })
  .register(PROTOCOL, { id: 'Receipt' });
export type Receipt = z.infer<typeof ReceiptSchema>;

/** The effective schedule of every system (guideline tables plus announced stops), as the gateway enforces it. */
export const PublishedScheduleSchema = z
  .object({ publishedAt: instant, systems: z.record(SystemIdSchema, z.array(ScheduleRuleSchema).max(100)) })
  .register(PROTOCOL, { id: 'PublishedSchedule' });
export type PublishedSchedule = z.infer<typeof PublishedScheduleSchema>;

export const ERROR_CODES = [
  'invalid-request',
  'unknown-service',
  'unknown-retrieval',
  'retrieval-expired',
  'outside-operating-hours',
  'signature-invalid',
  'certificate-expired',
  'certificate-not-yet-valid',
  'certificate-revoked',
  'certificate-untrusted',
  'certificate-profile',
  'challenge-used',
  'challenge-expired',
  'items-not-retrieved',
  'idempotency-key-reused',
  'rate-limited',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z
  .object({ code: z.enum(ERROR_CODES), nextAvailableAt: instant.optional() })
  .register(PROTOCOL, { id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const toBase64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
export const fromBase64url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));
