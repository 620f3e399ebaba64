// The XFS4IoT messages this kiosk exchanges with a card reader service, as the published
// message definitions state them (CEN CWA 17852, current envelope: version, timeout and
// completionCode in the header). Field names, enum values and message versions were carried
// over from the generated message classes of KAL's open-source XFS4IoT framework
// (github.com/KAL-ATM-Software/KAL_XFS4IoT_SP-Dev, Framework/Core/**/*_g.cs), which are
// generated from the specification. Every message received is checked against these before it
// is acted on; the device simulator checks every command it receives against them too.
import { z } from 'zod';

/** Longest message either side accepts (KAL's server limit). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export const MESSAGE_TYPES = ['command', 'acknowledge', 'event', 'completion', 'unsolicited'] as const;

export const COMPLETION_CODES = [
  'success',
  'commandErrorCode',
  'canceled',
  'deviceNotReady',
  'hardwareError',
  'internalError',
  'invalidCommand',
  'invalidRequestID',
  'timeOut',
  'unsupportedCommand',
  'invalidData',
  'userError',
  'unsupportedData',
  'fraudAttempt',
  'sequenceError',
  'authorisationRequired',
  'noCommandNonce',
  'invalidToken',
  'invalidTokenNonce',
  'invalidTokenHMAC',
  'invalidTokenFormat',
  'invalidTokenKeyNoValue',
  'notEnoughSpace',
] as const;
export type CompletionCode = (typeof COMPLETION_CODES)[number];

/** An acknowledge with a status refuses the command: nothing else follows for it. */
export const ACK_STATUSES = ['invalidMessage', 'invalidRequestID', 'tooManyRequests'] as const;
export type AckStatus = (typeof ACK_STATUSES)[number];

export const HeaderSchema = z.object({
  /** `<Interface>.<Command or Event>` */
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/)
    .max(100),
  /** Chosen by the client (a positive integer); absent or null on unsolicited events. */
  requestId: z.number().int().positive().nullish(),
  type: z.enum(MESSAGE_TYPES),
  /** The message's own version, "major.minor". */
  version: z.string().regex(/^\d{1,3}\.\d{1,3}$/),
  /** Commands only: milliseconds, 0 = no timeout. */
  timeout: z.number().int().nonnegative().optional(),
  /** Acknowledges only. */
  status: z.enum(ACK_STATUSES).nullish(),
  /** Completions only. */
  completionCode: z.enum(COMPLETION_CODES).optional(),
  errorDescription: z.string().max(4096).nullish(),
});
export type Header = z.infer<typeof HeaderSchema>;

/** One WebSocket text frame: a header and, for most messages, a payload (null, {} or absent when empty). */
export const EnvelopeSchema = z.object({ header: HeaderSchema, payload: z.unknown().optional() });

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'not Base64');
/** A C-APDU or R-APDU: at most 65 535 data bytes plus header and status (extended length). */
const apduBase64 = base64(65_546);

/** Properties of an empty payload: `null`, `{}` or absent are all accepted. */
const empty = z.union([z.null(), z.undefined(), z.object({})]).transform(() => ({}));
/** A payload object whose missing form is `{}`: null or absent payloads become the empty object. */
const payloadOf = <T extends z.ZodRawShape>(shape: T) => z.preprocess((value) => value ?? {}, z.object(shape));

// ---------------------------------------------------------------- ServicePublisher

export const GetServicesCompletionSchema = payloadOf({
  vendorName: z.string().max(1000).nullish(),
  services: z
    .array(z.object({ serviceURI: z.string().max(2048) }))
    .max(64)
    .nullish(),
});

// ---------------------------------------------------------------- Common

export const DEVICE_STATES = [
  'online',
  'offline',
  'powerOff',
  'noDevice',
  'hardwareError',
  'userError',
  'deviceBusy',
  'fraudAttempt',
  'potentialFraud',
  'starting',
] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export const MEDIA_STATES = ['unknown', 'present', 'notPresent', 'jammed', 'entering', 'latched'] as const;
export type MediaState = (typeof MEDIA_STATES)[number];

export const CHIP_POWER_STATES = ['unknown', 'online', 'busy', 'poweredOff', 'noDevice', 'hardwareError', 'noCard'] as const;

const CommonStatusSchema = z.object({
  device: z.enum(DEVICE_STATES).nullish(),
  devicePosition: z.enum(['inPosition', 'notInPosition', 'unknown']).nullish(),
});

const CardReaderStatusSchema = z.object({
  media: z.enum(MEDIA_STATES).nullish(),
  security: z.enum(['notReady', 'open']).nullish(),
  chipPower: z.enum(CHIP_POWER_STATES).nullish(),
  chipModule: z.enum(['ok', 'inoperable', 'unknown']).nullish(),
});

/** Common.Status completion; Common.StatusChangedEvent carries the same shape with only what changed. */
export const StatusSchema = payloadOf({
  common: CommonStatusSchema.nullish(),
  cardReader: CardReaderStatusSchema.nullish(),
});
export type Status = z.infer<typeof StatusSchema>;

const VersionsSchema = z.object({ versions: z.array(z.string().regex(/^\d{1,3}\.\d{1,3}$/)).max(32) });

const InterfaceSchema = z.object({
  name: z.string().max(100),
  commands: z.record(z.string().max(100), VersionsSchema).nullish(),
  events: z.record(z.string().max(100), VersionsSchema).nullish(),
  maximumRequests: z.number().int().nonnegative().nullish(),
});

export const READER_TYPES = ['motor', 'swipe', 'dip', 'latchedDip', 'contactless', 'intelligentContactless', 'permanent'] as const;

export const CHIP_PROTOCOLS = [
  'chipT0',
  'chipT1',
  'chipProtocolNotRequired',
  'chipTypeAPart3',
  'chipTypeAPart4',
  'chipTypeB',
  'chipTypeNFC',
] as const;
export type ChipProtocol = (typeof CHIP_PROTOCOLS)[number];

const CardReaderCapabilitiesSchema = z.object({
  type: z.enum(READER_TYPES).nullish(),
  chipProtocols: z.partialRecord(z.enum(CHIP_PROTOCOLS), z.boolean()).nullish(),
  chipPower: z.object({ cold: z.boolean().nullish(), warm: z.boolean().nullish(), off: z.boolean().nullish() }).nullish(),
  positions: z.object({ exit: z.boolean().nullish(), transport: z.boolean().nullish() }).nullish(),
  /** A card taken from the exit is reported (CardReader.MediaRemovedEvent). */
  cardTakenSensor: z.boolean().nullish(),
});

export const CapabilitiesSchema = payloadOf({
  interfaces: z.array(InterfaceSchema).max(32).nullish(),
  common: z.object({ serviceVersion: z.string().max(100).nullish() }).nullish(),
  cardReader: CardReaderCapabilitiesSchema.nullish(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const CancelCommandSchema = payloadOf({ requestIds: z.array(z.number().int().positive()).max(100).nullish() });
export const CancelCompletionSchema = payloadOf({ errorCode: z.enum(['noMatchingRequestIDs']).nullish() });

export const ErrorEventSchema = payloadOf({
  eventId: z.enum(['hardware', 'software', 'user', 'fraudAttempt']).nullish(),
  action: z.enum(['reset', 'softwareError', 'configuration', 'clear', 'maintenance', 'suspend']).nullish(),
  vendorDescription: z.string().max(4096).nullish(),
});

// ---------------------------------------------------------------- CardReader

/** ReadRawData: which data to read; the wait for a card is the header's timeout. */
export const ReadRawDataCommandSchema = payloadOf({
  track1: z.boolean().nullish(),
  track2: z.boolean().nullish(),
  track3: z.boolean().nullish(),
  chip: z.boolean().nullish(),
  security: z.boolean().nullish(),
  fluxInactive: z.boolean().nullish(),
  watermark: z.boolean().nullish(),
  memoryChip: z.boolean().nullish(),
});

/** A data element that was read without problems has no status. */
export const DATA_STATUSES = [
  'dataMissing',
  'dataInvalid',
  'dataTooLong',
  'dataTooShort',
  'dataSourceNotSupported',
  'dataSourceMissing',
] as const;

export const ReadRawDataCompletionSchema = payloadOf({
  errorCode: z
    .enum(['mediaJam', 'shutterFail', 'noMedia', 'invalidMedia', 'cardTooShort', 'cardTooLong', 'securityFail', 'cardCollision'])
    .nullish(),
  /** One element per chip found (more only for contactless); data is the ATR. */
  chip: z
    .array(z.object({ status: z.enum(DATA_STATUSES).nullish(), data: base64(64).nullish() }))
    .max(8)
    .nullish(),
});

export const ChipIOCommandSchema = payloadOf({ chipProtocol: z.enum(CHIP_PROTOCOLS), chipData: apduBase64 });
export const ChipIOCompletionSchema = payloadOf({
  errorCode: z
    .enum(['mediaJam', 'noMedia', 'invalidMedia', 'invalidData', 'protocolNotSupported', 'atrNotObtained', 'cardCollision'])
    .nullish(),
  chipProtocol: z.enum(CHIP_PROTOCOLS).nullish(),
  /** The R-APDU, status word included. */
  chipData: apduBase64.nullish(),
});

export const ChipPowerCommandSchema = payloadOf({ chipPower: z.enum(['cold', 'warm', 'off']) });
export const ChipPowerCompletionSchema = payloadOf({
  errorCode: z.enum(['chipPowerNotSupported', 'mediaJam', 'noMedia', 'invalidMedia', 'invalidData', 'atrNotObtained']).nullish(),
  /** The ATR after a cold or warm reset. */
  chipData: base64(64).nullish(),
});

/** exit, transport, or a storage unit (`unit…`). */
export const POSITION = /^(?:exit|transport|unit[0-9A-Za-z]+)$/;
export const MoveCommandSchema = payloadOf({ from: z.string().max(16).regex(POSITION), to: z.string().max(16).regex(POSITION) });
export const MOVE_ERRORS = ['mediaJam', 'shutterFail', 'noMedia', 'occupied', 'full', 'mediaRetained'] as const;
export const MoveCompletionSchema = payloadOf({ errorCode: z.enum(MOVE_ERRORS).nullish() });

export const MediaDetectedEventSchema = payloadOf({
  position: z
    .string()
    .max(16)
    .regex(/^(?:exit|transport|jammed|unit[0-9A-Za-z]+)$/),
});
export const CardActionEventSchema = payloadOf({
  to: z.string().max(16).regex(POSITION),
  from: z
    .string()
    .max(16)
    .regex(/^(?:unknown|exit|transport|unit[0-9A-Za-z]+)$/),
});

// ---------------------------------------------------------------- Storage (the retain bin)

export const REPLENISHMENT_STATES = ['ok', 'full', 'high', 'low', 'empty'] as const;
export type ReplenishmentState = (typeof REPLENISHMENT_STATES)[number];

const UNIT_KEY = z
  .string()
  .max(16)
  .regex(/^unit[0-9A-Za-z]+$/);

const StorageUnitSchema = z.object({
  id: z.string().min(1).max(5).nullish(),
  positionName: z.string().max(100).nullish(),
  /** 0: unknown. */
  capacity: z.number().int().nonnegative().nullish(),
  status: z.enum(['ok', 'inoperative', 'missing', 'notConfigured', 'manipulated']).nullish(),
  serialNumber: z.string().max(100).nullish(),
  card: z
    .object({
      capabilities: z.object({ type: z.enum(['retain', 'dispense', 'park']).nullish(), hardwareSensors: z.boolean().nullish() }).nullish(),
      configuration: z.object({ threshold: z.number().int().nonnegative().nullish() }).nullish(),
      status: z
        .object({
          count: z.number().int().nonnegative().nullish(),
          replenishmentStatus: z.enum(REPLENISHMENT_STATES).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type StorageUnit = z.infer<typeof StorageUnitSchema>;

const StorageMapSchema = z.record(UNIT_KEY, StorageUnitSchema);

export const GetStorageCompletionSchema = payloadOf({ storage: StorageMapSchema.nullish() });
/** Storage.StorageThresholdEvent, StorageChangedEvent, CountsChangedEvent: the changed units themselves. */
export const StorageEventSchema = z.preprocess((value) => value ?? {}, StorageMapSchema);

// ---------------------------------------------------------------- versions and definitions

/**
 * The version this kiosk sends each command in, and the major version its completion has in
 * the current message set. Commands are checked against Common.Capabilities before use.
 */
export const COMMANDS = {
  'ServicePublisher.GetServices': { version: '2.0', completion: '2.0', payload: empty, result: GetServicesCompletionSchema },
  'Common.Status': { version: '2.0', completion: '3.0', payload: empty, result: StatusSchema },
  'Common.Capabilities': { version: '2.0', completion: '3.0', payload: empty, result: CapabilitiesSchema },
  'Common.Cancel': { version: '2.0', completion: '2.0', payload: CancelCommandSchema, result: CancelCompletionSchema },
  'CardReader.ReadRawData': { version: '2.0', completion: '3.0', payload: ReadRawDataCommandSchema, result: ReadRawDataCompletionSchema },
  'CardReader.ChipIO': { version: '3.0', completion: '3.0', payload: ChipIOCommandSchema, result: ChipIOCompletionSchema },
  'CardReader.ChipPower': { version: '2.0', completion: '3.0', payload: ChipPowerCommandSchema, result: ChipPowerCompletionSchema },
  'CardReader.Move': { version: '2.0', completion: '2.0', payload: MoveCommandSchema, result: MoveCompletionSchema },
  'Storage.GetStorage': { version: '2.0', completion: '2.1', payload: empty, result: GetStorageCompletionSchema },
} as const;
export type CommandName = keyof typeof COMMANDS;
export type CommandPayload<N extends CommandName> = z.input<(typeof COMMANDS)[N]['payload']>;
export type CompletionPayload<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['result']>;

/** Events this kiosk reads, solicited (during a command) or unsolicited, with their version. */
export const EVENTS = {
  'CardReader.InsertCardEvent': { version: '2.0', payload: empty },
  'CardReader.MediaInsertedEvent': { version: '2.0', payload: empty },
  'CardReader.InvalidMediaEvent': { version: '2.0', payload: empty },
  'CardReader.MediaRemovedEvent': { version: '2.0', payload: empty },
  'CardReader.MediaDetectedEvent': { version: '2.0', payload: MediaDetectedEventSchema },
  'CardReader.CardActionEvent': { version: '2.0', payload: CardActionEventSchema },
  'Common.StatusChangedEvent': { version: '3.0', payload: StatusSchema },
  'Common.ErrorEvent': { version: '2.0', payload: ErrorEventSchema },
  'Storage.StorageThresholdEvent': { version: '2.1', payload: StorageEventSchema },
  'Storage.StorageChangedEvent': { version: '2.1', payload: StorageEventSchema },
  'Storage.CountsChangedEvent': { version: '2.0', payload: StorageEventSchema },
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<N extends EventName> = z.infer<(typeof EVENTS)[N]['payload']>;

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(EVENTS, name);

/** The major part of a "major.minor" version. */
export const majorOf = (version: string): number => Number(version.split('.')[0]);

/** The commands the kiosk sends a card reader service that carries the chip (ChipIO). */
export const CARD_READER_COMMANDS = ['CardReader.ReadRawData', 'CardReader.ChipIO', 'CardReader.ChipPower', 'CardReader.Move'] as const;

/**
 * The commands the kiosk sends a card reader service when only its motor is used: the chip's
 * contacts are a PC/SC reader of their own, so the service needs no chip module.
 */
export const MOTOR_COMMANDS = ['CardReader.ReadRawData', 'CardReader.Move'] as const;

/**
 * Whether the service's Common.Capabilities lists every command the kiosk sends in the major
 * version it sends it in. A service that does not list its interfaces is taken at its word.
 */
export function missingCommands(capabilities: Capabilities, needed: readonly CommandName[]): CommandName[] {
  const interfaces = capabilities.interfaces;
  if (!interfaces) return [];
  return needed.filter((name) => {
    const [prefix, command] = name.split('.') as [string, string];
    const listed = interfaces.find((entry) => entry.name === prefix)?.commands?.[command];
    return !listed?.versions.some((version) => majorOf(version) === majorOf(COMMANDS[name].version));
  });
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
