// The kiosk's configuration file, validated at start-up: a bad file is refused with a message
// that names the field, never half-applied.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ScheduleRuleSchema, SystemIdSchema } from '../hours/schedule-rules.ts';
import { ServiceCatalogSchema } from '../services/service-catalog.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const KioskConfigSchema = z
  .object({
    /** Where the database (outbox, audit trail) and its key live. */
    dataDir: z.string().min(1),
    gateway: z.discriminatedUnion('kind', [
      /** The demo: the reference gateway in-process, trusting the TEST PKI only. */
      z.object({ kind: z.literal('embedded') }),
      z
        .object({
          kind: z.literal('remote'),
          url: z.url({ protocol: /^https?$/ }),
          /** PEM files of the kiosk's client certificate, its key and the gateway's CA (mutual TLS). */
          tls: z
            .object({ certFile: z.string().min(1), keyFile: z.string().min(1), caFile: z.string().min(1) })
            .strict()
            .optional(),
        })
        .superRefine((gateway, context) => {
          // Certificates, signatures and income items cross this link: beyond this machine it
          // is mutual TLS against the bank's CA or nothing. Loopback is for a gateway under test.
          const url = URL.parse(gateway.url);
          if (!url || LOOPBACK.has(url.hostname)) return; // a bad URL is reported by its own field
          if (url.protocol !== 'https:') {
            context.addIssue({ code: 'custom', path: ['url'], message: 'a gateway beyond this machine must use https' });
          }
          if (!gateway.tls) {
            context.addIssue({
              code: 'custom',
              path: ['tls'],
              message: 'a gateway beyond this machine needs mutual TLS (certFile, keyFile, caFile)',
            });
          }
        }),
    ]),
    reader: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('simulated'), mechanics: z.enum(['motorised', 'desk']) }).strict(),
      z.object({ kind: z.literal('pcsc'), name: z.string().min(1).max(200) }).strict(),
    ]),
    services: ServiceCatalogSchema.optional(),
    /** Corrections to the §2.5 tables from the operators' announcements. */
    schedules: z.partialRecord(SystemIdSchema, z.array(ScheduleRuleSchema)).optional(),
    display: z
      .object({
        calendar: z.enum(['japanese', 'gregorian']).default('japanese'),
        shuffleKeypad: z.boolean().default(false),
        /** The terminal has a number pad of its own: the PIN screen then says it can be used. */
        physicalKeypad: z.boolean().default(false),
      })
      .strict()
      .default({ calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false }),
  })
  .strict();

export type KioskConfig = z.infer<typeof KioskConfigSchema>;

export const demoConfig = (): KioskConfig => ({
  dataDir: join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'mynaportal-kiosk'),
  gateway: { kind: 'embedded' },
  reader: { kind: 'simulated', mechanics: 'motorised' },
  // The demo runs on a computer: its keyboard's digits, Backspace and Enter work on the PIN screen.
  display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: true },
});

export type ConfigResult = { readonly ok: true; readonly value: KioskConfig } | { readonly ok: false; readonly error: string };

/** Reads and validates a config file; the error names the file and the first bad field. */
export function loadKioskConfig(path: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${path}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read'}` };
  }
  const parsed = KioskConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(top level)';
  return { ok: false, error: `${path}: ${field}: ${issue?.message ?? 'invalid'}` };
}
