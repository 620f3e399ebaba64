// The kiosk's configuration file, validated at start-up: a bad file is refused with a message
// that names the field, never half-applied. This is the product's configuration: a PC/SC desk
// reader, or an XFS4IoT motorised reader (its chip through the service's chip I/O, or through
// a PC/SC reader wired to its contacts), and the bank's gateway. The devkit extends it with its demo parts (a simulated
// reader, the embedded reference gateway) from the same pieces.
import { readFileSync } from 'node:fs';
import { Encrypter } from 'age-encryption';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../common/result.ts';
import { ScheduleRuleSchema, SystemIdSchema } from '../hours/schedule-rules.ts';
import { BranchSchema } from '../hours/staffed-hours.ts';
import { DEFAULT_UNCLAIMED_DAYS } from '../maintenance/kept-cards.ts';
import { CardSettingsSchema } from './card-settings.ts';
import { ServiceCatalogSchema } from '../services/service-catalog.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** PEM files of the kiosk's client certificate, its key and the gateway's CA (mutual TLS). */
export const TlsFilesSchema = z.object({ certFile: z.string().min(1), keyFile: z.string().min(1), caFile: z.string().min(1) }).strict();

/** The bank's gateway. */
export const RemoteGatewaySchema = z
  .object({ kind: z.literal('remote'), url: z.url({ protocol: /^https?$/ }), tls: TlsFilesSchema.optional() })
  .strict()
  .superRefine((gateway, context) => {
    // Certificates, signatures and income items cross this link: beyond this machine it is
    // mutual TLS against the bank's CA or nothing. Loopback is for a gateway under test.
    const url = URL.parse(gateway.url);
    if (!url || LOOPBACK.has(url.hostname)) return; // a bad URL is reported by its own field
    if (url.protocol !== 'https:')
      context.addIssue({ code: 'custom', path: ['url'], message: 'a gateway beyond this machine must use https' });
    if (!gateway.tls) {
      context.addIssue({
        code: 'custom',
        path: ['tls'],
        message: 'a gateway beyond this machine needs mutual TLS (certFile, keyFile, caFile)',
      });
    }
  });
export type RemoteGatewayConfig = z.infer<typeof RemoteGatewaySchema>;

/** A reader's name as pcscd gives it (`card status` lists them). */
const pcscName = z
  .string({ error: "the PC/SC reader's name, as `card status` shows it" })
  .min(1, "the PC/SC reader's name, as `card status` shows it")
  .max(200);

/** A PC/SC desk reader by the name pcscd gives it. */
export const PcscReaderSchema = z.strictObject(
  { kind: z.literal('pcsc'), name: pcscName },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' && issue.keys.includes('chip')
        ? 'a PC/SC desk reader has its chip in itself: "chip" is for a motorised reader (kind "xfs4iot")'
        : undefined,
  },
);
export type PcscReaderConfig = z.infer<typeof PcscReaderSchema>;

/**
 * Where the chip of an XFS4IoT motorised reader is reached: through the card reader service's
 * chip I/O (the default), or through a PC/SC reader wired to the motorised reader's contacts,
 * served by the kiosk's card service like a desk reader, while the motor stays on XFS4IoT.
 */
export const ChipSchema = z.discriminatedUnion(
  'kind',
  [z.object({ kind: z.literal('xfs4iot') }).strict(), z.object({ kind: z.literal('pcsc'), name: pcscName }).strict()],
  {
    error:
      'must be a chip of kind "xfs4iot" (chip I/O through the card reader service, the default) or "pcsc" (a PC/SC reader wired to the contacts, with its name)',
  },
);
export type ChipConfig = z.infer<typeof ChipSchema>;

/**
 * An XFS4IoT motorised card reader, found through the terminal's service publisher
 * (`ws[s]://host:port/xfs4iot/v1.0`). PEM files: the CA that issued the service's TLS
 * certificate, and the kiosk's own certificate and key where the service asks for one.
 * `chip`: where its chip is reached (ChipSchema).
 */
export const Xfs4IotReaderSchema = z
  .object({
    kind: z.literal('xfs4iot'),
    endpoint: z.url({ protocol: /^wss?$/ }),
    tls: z
      .object({ caFile: z.string().min(1), certFile: z.string().min(1).optional(), keyFile: z.string().min(1).optional() })
      .strict()
      .optional(),
    chip: ChipSchema.optional(),
  })
  .strict()
  .superRefine((reader, context) => {
    // The motor that keeps the card inside until consent (※5) is driven through this link, and
    // with chip I/O the PIN goes to the card through it too (VERIFY in ChipIO): beyond this
    // machine it is TLS against the bank's CA, as XFS4IoT's wss: endpoints are, or nothing.
    if (reader.tls && (reader.tls.certFile === undefined) !== (reader.tls.keyFile === undefined))
      context.addIssue({ code: 'custom', path: ['tls'], message: 'certFile and keyFile go together' });
    const url = URL.parse(reader.endpoint);
    if (!url) return;
    if (url.protocol === 'wss:' && !reader.tls)
      context.addIssue({ code: 'custom', path: ['tls'], message: 'a wss: endpoint needs the CA of the service (tls.caFile)' });
    if (LOOPBACK.has(url.hostname)) return;
    if (url.protocol !== 'wss:')
      context.addIssue({ code: 'custom', path: ['endpoint'], message: 'a card reader service beyond this machine must use wss' });
  });
export type Xfs4IotReaderConfig = z.infer<typeof Xfs4IotReaderSchema>;

/**
 * A receipt printer through CUPS: the queue's name, and the slip's font where the terminal
 * has not Debian's Noto Sans CJK JP. Absent: the terminal prints no slip (and says so).
 */
export const PrinterSchema = z
  .object({
    kind: z.literal('cups'),
    queue: z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/, 'a CUPS queue name (letters, digits, _ . -)'),
    font: z
      .object({ file: z.string().min(1), face: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();
const MIN_AUDIT_RETENTION_DAYS = 90;
const MAX_AUDIT_RETENTION_DAYS = 3650;

const DISPLAY_DEFAULTS = { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false } as const;

/** A key as the keyboard reports its position (KeyboardEvent.code): "F13", "ScrollLock", … */
const keyCode = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,30}$/);
const dailyClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

const MAINTENANCE_DEFAULTS = {
  serviceKey: { on: 'F13', off: 'F14' },
  idleCloseSeconds: 120,
  selfTest: { dailyAt: '05:30', retryMinutes: 5 },
  clockToleranceSeconds: 60,
  minFreeDiskMegabytes: 500,
  unclaimedCardDays: DEFAULT_UNCLAIMED_DAYS,
  outboxAlarmMinutes: 60,
};

/** Whether the age library takes this as a recipient (an X25519 `age1…` public key; its checksum checked). */
function isAgeRecipient(text: string): boolean {
  try {
    new Encrypter().addRecipient(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The log bundle for the maintenance vendor: encrypted to the vendor's age public key, written
 * to `folder` (a mounted USB stick, a share) as <terminalId>-logs-<time>.age.
 */
export const LogBundleSchema = z
  .object({
    recipient: z.string().trim().refine(isAgeRecipient, "not an age public key (the vendor's `age-keygen -y` output, age1…)"),
    folder: z.string().refine((path) => isAbsolute(path), 'an absolute path'),
    /** Names the file: which terminal the vendor is reading. */
    terminalId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and hyphens, at most 32'),
  })
  .strict();
export type LogBundleSettings = z.infer<typeof LogBundleSchema>;

/** The operator maintenance menu (electron/node/maintenance/). */
export const MaintenanceSettingsSchema = z
  .object({
    /**
     * The service key switch, which presents itself as a keyboard: the key it types when turned
     * on, and when turned back. Without `off`, the switch holds its key down while on.
     */
    serviceKey: z.object({ on: keyCode, off: keyCode.optional() }).strict().default(MAINTENANCE_DEFAULTS.serviceKey),
    /** The menu closes after this long without a touch. */
    idleCloseSeconds: z.number().int().min(30).max(1800).default(MAINTENANCE_DEFAULTS.idleCloseSeconds),
    /** The daily self-test (Japan time), and how soon a failed one is tried again. */
    selfTest: z
      .object({
        dailyAt: dailyClock.default(MAINTENANCE_DEFAULTS.selfTest.dailyAt),
        retryMinutes: z.number().int().min(1).max(60).default(MAINTENANCE_DEFAULTS.selfTest.retryMinutes),
      })
      .strict()
      .default(MAINTENANCE_DEFAULTS.selfTest),
    /** The NTP server the clock is checked against (the one the terminal synchronises with). */
    timeSource: z
      .object({ host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535).default(123) })
      .strict()
      .optional(),
    clockToleranceSeconds: z.number().min(1).max(3600).default(MAINTENANCE_DEFAULTS.clockToleranceSeconds),
    minFreeDiskMegabytes: z.number().int().min(10).max(1_000_000).default(MAINTENANCE_DEFAULTS.minFreeDiskMegabytes),
    /** A kept card still unclaimed after this many days is flagged for the bank's lost-property procedure. */
    unclaimedCardDays: z.number().int().min(1).max(365).default(MAINTENANCE_DEFAULTS.unclaimedCardDays),
    /** The status page raises its alarm once the oldest waiting submission has waited this long. */
    outboxAlarmMinutes: z.number().int().min(1).max(10_080).default(MAINTENANCE_DEFAULTS.outboxAlarmMinutes),
    /** Absent: the menu's log bundle says it is not configured. */
    logBundle: LogBundleSchema.optional(),
  })
  .strict();
export type MaintenanceSettings = z.infer<typeof MaintenanceSettingsSchema>;

/** The maintenance settings in force: the configured ones, or every default. */
export const maintenanceSettings = (settings: { readonly maintenance?: MaintenanceSettings | undefined }): MaintenanceSettings =>
  settings.maintenance ?? MaintenanceSettingsSchema.parse({});

/** What every configuration says whatever its reader and gateway. */
const settings = {
  /** Where the database (outbox, audit trail) and its key live. */
  dataDir: z.string().min(1),
  services: ServiceCatalogSchema.optional(),
  /**
   * Corrections to the §2.5 tables from the operators' announcements: in force only until the
   * kiosk has fetched the gateway's published schedule once (that one wins).
   */
  schedules: z.partialRecord(SystemIdSchema, z.array(ScheduleRuleSchema)).optional(),
  /**
   * The branch's counter: staffed hours, closed days and the phone number customers are given
   * when nobody is there. Without it the screens send customers to the counter at any hour.
   */
  branch: BranchSchema.optional(),
  /**
   * The audit trail: entries older than `retentionDays` are trimmed (at start and daily), a
   * checkpoint keeping the chain verifiable. Without it: DEFAULT_AUDIT_RETENTION_DAYS (400).
   */
  audit: z
    .object({
      retentionDays: z
        .int({ error: 'a whole number of days' })
        .min(MIN_AUDIT_RETENTION_DAYS, `at least ${String(MIN_AUDIT_RETENTION_DAYS)} days: the bank reviews the trail after the fact`)
        .max(MAX_AUDIT_RETENTION_DAYS, `at most ${String(MAX_AUDIT_RETENTION_DAYS)} days (10 years)`),
    })
    .strict()
    .optional(),
  display: z
    .object({
      calendar: z.enum(['japanese', 'gregorian']).default(DISPLAY_DEFAULTS.calendar),
      shuffleKeypad: z.boolean().default(DISPLAY_DEFAULTS.shuffleKeypad),
      /** The terminal has a number pad of its own: the PIN screen then says it can be used. */
      physicalKeypad: z.boolean().default(DISPLAY_DEFAULTS.physicalKeypad),
    })
    .strict()
    .default(DISPLAY_DEFAULTS),
  printer: PrinterSchema.optional(),
  /** Giving cards back: take time, reminder and warning, wrong-card tries. Absent: every default (card-settings.ts). */
  card: CardSettingsSchema.optional(),
  /**
   * Where the menu saves the day-close report and exports the audit trail: a folder on a
   * removable medium, mounted for the kiosk user. Absent: the menu says no folder is set.
   */
  records: z
    .object({ exportFolder: z.string().refine((path) => isAbsolute(path), 'an absolute path') })
    .strict()
    .optional(),
  /** Absent: every default (maintenanceSettings()). */
  maintenance: MaintenanceSettingsSchema.optional(),
  /**
   * What the bank offers a customer whose PIN is blocked instead (e.g. 「窓口で所得証明書（紙）を
   * お取りいただくこともできます」), in both languages, on the PIN-blocked screen. Absent: the
   * screen says only where the PIN is reset.
   */
  pinBlockedAlternative: z
    .object({ ja: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(240) })
    .strict()
    .optional(),
};

/** What every configuration says besides its reader and gateway (the devkit's too). */
export const CONFIG_SETTINGS = settings;

export const KioskConfigSchema = z
  .object({
    ...settings,
    gateway: z.discriminatedUnion('kind', [RemoteGatewaySchema], { error: 'must be the bank\'s gateway (kind "remote")' }),
    reader: z.discriminatedUnion('kind', [PcscReaderSchema, Xfs4IotReaderSchema], {
      error: 'must be a card reader of kind "pcsc" or "xfs4iot"',
    }),
  })
  .strict();
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** The settings every kiosk has, whatever its devices. */
export type KioskSettings = Pick<
  KioskConfig,
  | 'dataDir'
  | 'services'
  | 'schedules'
  | 'display'
  | 'branch'
  | 'printer'
  | 'audit'
  | 'maintenance'
  | 'pinBlockedAlternative'
  | 'card'
  | 'records'
>;

/** Reads and validates a config file; the error names the file and the first bad field. */
export function loadConfigFile<S extends z.ZodType>(path: string, schema: S): Result<z.infer<S>, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return err(`${path}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read'}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(top level)';
  return err(`${path}: ${field}: ${issue?.message ?? 'invalid'}`);
}

export const loadKioskConfig = (path: string): Result<KioskConfig, string> => loadConfigFile(path, KioskConfigSchema);
