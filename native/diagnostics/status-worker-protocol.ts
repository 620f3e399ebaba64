// What `npm run card -- status` and its PC/SC worker process say to each other. The command
// checks what it receives: a worker stuck in a native call or otherwise broken must not be
// able to confuse the report.
import { z } from 'zod';
import { StatusReportSchema } from './card-status.ts';

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes expected');

export const StatusRequestSchema = z
  .object({
    commandTimeoutMs: z.number().int().positive(),
    /** DER CRLs and CA certificates, already read from their files by the command. */
    crls: z.array(bytes),
    cas: z.array(bytes),
    /** Only these readers (a motorised reader's chip contacts); all by default. */
    readers: z.array(z.string().min(1).max(200)).max(32).optional(),
    /** Wait this long for a card in each of `readers` (one just drawn onto the contacts). */
    cardWaitMs: z.number().int().nonnegative().max(60_000).optional(),
  })
  .strict();
export type StatusRequest = z.infer<typeof StatusRequestSchema>;

export const StatusWorkerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alive') }),
  z.object({ kind: z.literal('report'), report: StatusReportSchema }),
]);
export type StatusWorkerMessage = z.infer<typeof StatusWorkerMessageSchema>;
