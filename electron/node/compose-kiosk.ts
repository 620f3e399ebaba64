// The product's composition root: from the validated configuration to a running kiosk core.
// It alone decides the reader (a PC/SC desk reader through the supervised card service,
// guarded against removal; or an XFS4IoT motorised reader that holds the card, its chip
// through the service's chip I/O or through a PC/SC reader on the card service), the card
// mechanics and the gateway (the bank's, over mutual TLS). The
// devkit composes its demo parts through the same Kiosk.start (electron/devkit/compose-demo-kiosk.ts).
import { readFileSync } from 'node:fs';
import { PresenceGuard } from '../../native/reader/presence-guard.ts';
import { ReaderServiceClient, type ReaderServiceClientOptions, type ServiceProcess } from '../../native/reader/reader-service-client.ts';
import { createPcscChipReader, createXfs4IotReader, type Xfs4IotReaderOptions } from '../../native/xfs4iot/xfs4iot-reader.ts';
import type { KioskConfig, PcscReaderConfig, RemoteGatewayConfig, Xfs4IotReaderConfig } from './config/kiosk-config.ts';
import { readPrivateKeyFile } from './config/private-key-file.ts';
import { GatewayClient, type GatewayClientOptions } from './gateway/gateway-client.ts';
import { Kiosk, type Devices, type KioskPower, type KioskTuning } from './kiosk.ts';
import type { KioskLog } from './logging/kiosk-log.ts';
import type { KioskDiagnostics } from './maintenance/maintenance.ts';

/** What the host process supplies besides the configuration. */
export interface HostServices {
  /** The database key, sealed by the OS keystore (the shell); by default a key file in the data folder. */
  readonly databaseKey?: Uint8Array;
  /** Also write each log line here (the shell sends it to the journal). */
  readonly logEcho?: (line: string) => void;
  /** How the card service process is started: an Electron utility process in the shell, a Node child by default. */
  readonly spawnCardService?: () => ServiceProcess;
  /** The app's version, as the status page shows it (the shell's app.getVersion()). */
  readonly version?: string;
  /** What the host does once the kiosk has stopped at staff's request: restart it, or power off. */
  readonly power?: KioskPower;
}

export interface KioskRuntime {
  readonly kiosk: Kiosk;
  stop(): Promise<void>;
}

/** A protocol message as a log token: the card service's messages carry no personal data. */
const asToken = (text: string): string => text.replace(/[^A-Za-z0-9.:/-]+/g, '-').slice(0, 80);

/** The card service's supervision and the presence guard's timings: a branch runs on the defaults, tests shorten them. */
export interface PcscTuning {
  readonly cardService?: Pick<ReaderServiceClientOptions, 'heartbeat' | 'requestTimeoutMs' | 'backoff'>;
  /** How long a reader that came back gets to report the card still in it. */
  readonly settleMs?: number;
}

/** The supervised card service (PC/SC in a process of its own), started. */
function cardService(host: HostServices, log: KioskLog, tuning: PcscTuning['cardService'] = {}): ReaderServiceClient {
  const client = new ReaderServiceClient({
    ...tuning,
    ...(host.spawnCardService ? { spawn: host.spawnCardService } : {}),
    log: (message) => log.warn('card-service', { note: asToken(message) }),
  });
  client.start();
  return client;
}

/** A PC/SC reader served by the supervised card service; a desk reader, so the presence guard holds the card. */
export function pcscDevices(reader: PcscReaderConfig, host: HostServices, log: KioskLog, tuning: PcscTuning = {}): Devices {
  const client = cardService(host, log, tuning.cardService);
  const guard = new PresenceGuard(client, reader.name, tuning.settleMs === undefined ? {} : { settleMs: tuning.settleMs });
  return { port: client, mechanics: guard, reader: reader.name, kind: 'pcsc', cardIntake: 'desk', cardService: client };
}

/** The devkit's shorter XFS4IoT timings (a branch runs on the defaults). */
export type Xfs4IotTuning = Pick<Xfs4IotReaderOptions, 'deadlines' | 'link' | 'mechanics'> & { readonly chipSettleMs?: number };

/**
 * An XFS4IoT motorised card reader, the card held in the transport: the chip through ChipIO,
 * or through the PC/SC reader wired to its contacts (on the supervised card service, as a desk
 * reader is, but with the motor's mechanics: the card cannot be taken, so no presence guard).
 * Its TLS files are read now, so a bad file stops the start.
 */
export function xfs4iotDevices(reader: Xfs4IotReaderConfig, host: HostServices, log: KioskLog, tuning: Xfs4IotTuning = {}): Devices {
  const { chipSettleMs, ...timings } = tuning;
  const files = reader.tls;
  const tls = files && {
    ca: readFileSync(files.caFile, 'utf8'),
    ...(files.certFile ? { cert: readFileSync(files.certFile, 'utf8') } : {}),
    ...(files.keyFile ? { key: readPrivateKeyFile(files.keyFile, 'reader.tls.keyFile') } : {}),
  };
  const options = { ...timings, endpoint: reader.endpoint, ...(tls ? { tls } : {}) };
  const chip = reader.chip;
  // The chip on PC/SC runs in the supervised card service: its health and restart are staff's too.
  const pcsc = chip?.kind === 'pcsc' ? cardService(host, log) : undefined;
  const device =
    chip?.kind === 'pcsc' && pcsc
      ? createPcscChipReader({
          ...options,
          pcsc,
          chipReader: chip.name,
          ...(chipSettleMs === undefined ? {} : { chipSettleMs }),
        })
      : createXfs4IotReader(options);
  device.link.on('note', (note) => log.warn('card-reader', { note: asToken(note) }));
  device.link.on('state', (state) => log.info('card-reader', { detail: asToken(state.detail) }));
  return {
    port: device.port,
    mechanics: device.mechanics,
    reader: device.port.name,
    kind: chip?.kind === 'pcsc' ? 'xfs4iot-pcsc-chip' : 'xfs4iot',
    cardIntake: 'motorised',
    ...(pcsc ? { cardService: pcsc } : {}),
  };
}

/** The reader's timings, by kind (see readerDevices). */
export type ReaderTuning = Xfs4IotTuning & { readonly pcsc?: PcscTuning };

/** The reader the branch configured (`tuning`: the devkit's and the tests' shorter timings). */
export function readerDevices(reader: KioskConfig['reader'], host: HostServices, log: KioskLog, tuning: ReaderTuning = {}): Devices {
  const { pcsc, ...xfs4iot } = tuning;
  return reader.kind === 'pcsc' ? pcscDevices(reader, host, log, pcsc) : xfs4iotDevices(reader, host, log, xfs4iot);
}

export interface RemoteGateway {
  readonly client: GatewayClient;
  /** The same URL and TLS files, for the maintenance menu's handshake check; the key file's mode is checked by the self-test. */
  readonly diagnostics: Pick<KioskDiagnostics, 'gateway' | 'keyFiles'>;
}

/** How long the gateway client waits and retries: a branch runs on the defaults, tests shorten them. */
export type GatewayTuning = Pick<GatewayClientOptions, 'timeoutMs' | 'retry' | 'maxStartWaitMs'>;

/** The bank's gateway; its client certificate and key read now, so a bad file stops the start. */
export function remoteGateway(gateway: RemoteGatewayConfig, tuning: GatewayTuning = {}): RemoteGateway {
  const tls = gateway.tls && {
    cert: readFileSync(gateway.tls.certFile, 'utf8'),
    key: readPrivateKeyFile(gateway.tls.keyFile, 'gateway.tls.keyFile'),
    ca: readFileSync(gateway.tls.caFile, 'utf8'),
  };
  return {
    client: new GatewayClient({ ...tuning, baseUrl: gateway.url, ...(tls ? { tls } : {}) }),
    diagnostics: {
      gateway: { url: gateway.url, tls },
      // Owned by root, readable by the kiosk group only (README "Configure").
      keyFiles: gateway.tls ? [{ path: gateway.tls.keyFile, maxMode: 0o640 }] : [],
    },
  };
}

/** The product's kiosk core from the branch's configuration. */
export async function startKioskRuntime(config: KioskConfig, host: HostServices = {}, tuning: KioskTuning = {}): Promise<KioskRuntime> {
  const gateway = remoteGateway(config.gateway);
  const kiosk = await Kiosk.start({
    settings: config,
    gateway: gateway.client,
    devices: (log) => readerDevices(config.reader, host, log),
    ...(host.databaseKey ? { databaseKey: host.databaseKey } : {}),
    ...(host.logEcho ? { logEcho: host.logEcho } : {}),
    ...(host.power ? { power: host.power } : {}),
    diagnostics: {
      ...gateway.diagnostics,
      // An XFS4IoT reader's client key is a key file too, held to the same mode.
      keyFiles: [
        ...gateway.diagnostics.keyFiles,
        ...(config.reader.kind === 'xfs4iot' && config.reader.tls?.keyFile ? [{ path: config.reader.tls.keyFile, maxMode: 0o640 }] : []),
      ],
      configuration: config,
      version: host.version ?? 'unknown',
    },
    tuning,
  });
  return { kiosk, stop: () => kiosk.stop() };
}
