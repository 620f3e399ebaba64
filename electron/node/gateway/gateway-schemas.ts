// The kiosk ↔ gateway protocol (kiosk-gateway.openapi.yaml) as zod schemas, shared by the
// kiosk's client and the reference gateway. Everything received is parsed with these.
import { z } from 'zod';
import { InformationItemSchema } from '../../common/income-items.ts';

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(16_384);
const retrievalId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const serviceId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

export const ResolvedQuerySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('point'), date: z.iso.date() }),
  z.object({ method: z.literal('range'), from: z.iso.date(), to: z.iso.date() }),
  z.object({ method: z.literal('latest') }),
]);
export type ResolvedQuery = z.infer<typeof ResolvedQuerySchema>;

export const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), mynaportal: z.enum(['up', 'down']) });
export type Health = z.infer<typeof HealthSchema>;

export const RetrievalRequestSchema = z.object({ serviceId, query: ResolvedQuerySchema });
export type RetrievalRequest = z.infer<typeof RetrievalRequestSchema>;

export const ChallengeSchema = z.object({ retrievalId, challenge: base64url.min(43).max(43), expiresAt: z.iso.datetime({ offset: true }) });
export type Challenge = z.infer<typeof ChallengeSchema>;

export const AuthenticationSchema = z.object({ certificate: base64url.min(100), signature: base64url.min(342).max(342) });
export const AuthenticatedSchema = z.object({ requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

export const RETRIEVAL_FAILURES = ['no-information', 'holding-server-unavailable', 'mynaportal-error', 'expired'] as const;
export type RetrievalFailure = (typeof RETRIEVAL_FAILURES)[number];

export const RetrievalStatusSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), retryAfterMs: z.number().int().min(0).max(60_000) }),
  z.object({ status: z.literal('ready'), items: z.array(InformationItemSchema).max(100) }),
  z.object({ status: z.literal('failed'), reason: z.enum(RETRIEVAL_FAILURES), retryable: z.boolean() }),
]);
export type RetrievalStatus = z.infer<typeof RetrievalStatusSchema>;

export const SubmissionSchema = z.object({
  retrievalId,
  serviceId,
  submissionTarget: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  consentedAt: z.iso.datetime({ offset: true }),
  items: z.array(InformationItemSchema).min(1).max(100),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const ReceiptSchema = z.object({ receiptId: z.string().regex(/^[A-Z0-9-]{6,40}$/), receivedAt: z.iso.datetime({ offset: true }) });
export type Receipt = z.infer<typeof ReceiptSchema>;

export const ERROR_CODES = [
  'invalid-request',
  'unknown-service',
  'unknown-retrieval',
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

export const ErrorBodySchema = z.object({ code: z.enum(ERROR_CODES), nextAvailableAt: z.iso.datetime({ offset: true }).optional() });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const toBase64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
export const fromBase64url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));
