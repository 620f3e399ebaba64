// The product's composition root: from the validated configuration to a running kiosk core.
// It alone decides the reader (a PC/SC reader through the supervised card service, guarded
// against removal), the card mechanics and the gateway (the bank's, over mutual TLS). The
// devkit composes its demo parts through the same Kiosk.start (electron/devkit/compose-demo-kiosk.ts).
import { readFileSync } from 'node:fs';
import { PresenceGuard } from '../../native/reader/presence-guard.ts';
import { ReaderServiceClient, type ServiceProcess } from '../../native/reader/reader-service-client.ts';
import type { KioskConfig, PcscReaderConfig, RemoteGatewayConfig } from './config/kiosk-config.ts';
import { readPrivateKeyFile } from './config/private-key-file.ts';
import { GatewayClient } from './gateway/gateway-client.ts';
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

/** A PC/SC reader served by the supervised card service; a desk reader, so the presence guard holds the card. */
export function pcscDevices(reader: PcscReaderConfig, host: HostServices, log: KioskLog): Devices {
  const client = new ReaderServiceClient({
    ...(host.spawnCardService ? { spawn: host.spawnCardService } : {}),
    log: (message) => log.warn('card-service', { note: asToken(message) }),
  });
  client.start();
  return { port: client, mechanics: new PresenceGuard(client, reader.name), reader: reader.name, kind: 'pcsc', cardService: client };
}

export interface RemoteGateway {
  readonly client: GatewayClient;
  /** The same URL and TLS files, for the maintenance menu's handshake check; the key file's mode is checked by the self-test. */
  readonly diagnostics: Pick<KioskDiagnostics, 'gateway' | 'keyFiles'>;
}

/** The bank's gateway; its client certificate and key read now, so a bad file stops the start. */
export function remoteGateway(gateway: RemoteGatewayConfig): RemoteGateway {
  const tls = gateway.tls && {
    cert: readFileSync(gateway.tls.certFile, 'utf8'),
    key: readPrivateKeyFile(gateway.tls.keyFile, 'gateway.tls.keyFile'),
    ca: readFileSync(gateway.tls.caFile, 'utf8'),
  };
  return {
    client: new GatewayClient({ baseUrl: gateway.url, ...(tls ? { tls } : {}) }),
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
    devices: (log) => pcscDevices(config.reader, host, log),
    ...(host.databaseKey ? { databaseKey: host.databaseKey } : {}),
    ...(host.logEcho ? { logEcho: host.logEcho } : {}),
    ...(host.power ? { power: host.power } : {}),
    diagnostics: { ...gateway.diagnostics, configuration: config, version: host.version ?? 'unknown' },
    tuning,
  });
  return { kiosk, stop: () => kiosk.stop() };
}
