// The devkit's composition root: the product's (compose-kiosk.ts) with the demo's parts where
// the configuration names them — the simulated reader with emulated cards, motorised or a
// desk reader, and the reference gateway in-process. Used by `npm start`, the demo's Electron
// entry and the tests.
import { readFileSync } from 'node:fs';
import type { CardMechanics } from '../../native/reader/card-mechanics.ts';
import type { CommandDeadlines } from '../../native/reader/command-deadline.ts';
import { PresenceGuard } from '../../native/reader/presence-guard.ts';
import { SimulatedMotorisedReader } from '../../native/devkit/emulator/motorised-reader.ts';
import { SimulatedReaderPort } from '../../native/devkit/emulator/simulated-reader-port.ts';
import { pcscDevices, remoteGateway, type HostServices, type KioskRuntime } from '../node/compose-kiosk.ts';
import { GatewayClient } from '../node/gateway/gateway-client.ts';
import { Kiosk, type Devices, type KioskTuning } from '../node/kiosk.ts';
import type { KioskDiagnostics } from '../node/maintenance/maintenance.ts';
import type { DemoConfig } from './demo-config.ts';
import type { ReferenceGateway } from './reference-gateway/reference-gateway.ts';
import { createTestGateway } from './reference-gateway/test-gateway.ts';

/** The demo's simulated reader, for the developer panel and tests. */
export interface SimulatedDevices {
  readonly port: SimulatedReaderPort;
  readonly mechanics: CardMechanics;
}

export interface DemoKioskRuntime extends KioskRuntime {
  /** The embedded reference gateway, for tests that inject faults. */
  readonly gateway: ReferenceGateway | undefined;
  readonly simulated: SimulatedDevices | undefined;
}

export interface DemoTuning extends KioskTuning {
  /** How long the embedded gateway's simulated マイナポータル takes. */
  readonly gatewayProcessingMs?: number;
  /** How long the simulated reader's card may take to answer (tests shorten them). */
  readonly deadlines?: CommandDeadlines;
}

/** The checkout's version (package.json), for the status page of the demo and the tests. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

export function simulatedDevices(mechanics: 'motorised' | 'desk', deadlines?: CommandDeadlines): Devices & SimulatedDevices {
  const port = new SimulatedReaderPort(undefined, deadlines ? { deadlines } : {});
  const name = port.reader.name;
  return {
    port,
    mechanics: mechanics === 'motorised' ? new SimulatedMotorisedReader(port.reader) : new PresenceGuard(port, name),
    reader: name,
    kind: `simulated-${mechanics}`,
  };
}

export async function startDemoKioskRuntime(
  config: DemoConfig,
  host: HostServices = {},
  tuning: DemoTuning = {},
): Promise<DemoKioskRuntime> {
  const { gatewayProcessingMs, deadlines, ...kioskTuning } = tuning;
  let gateway: ReferenceGateway | undefined;
  let client: GatewayClient;
  let diagnostics: Pick<KioskDiagnostics, 'gateway' | 'keyFiles'>;
  if (config.gateway.kind === 'embedded') {
    gateway = await createTestGateway({ processingMs: gatewayProcessingMs ?? 1500, ...(tuning.now ? { now: tuning.now } : {}) });
    const url = await gateway.listen();
    client = new GatewayClient({ baseUrl: url });
    diagnostics = { gateway: { url, tls: undefined }, keyFiles: [] };
  } else {
    ({ client, diagnostics } = remoteGateway(config.gateway));
  }
  const { reader } = config;
  let simulated: SimulatedDevices | undefined;
  const kiosk = await Kiosk.start({
    settings: config,
    gateway: client,
    devices: (log) => {
      if (reader.kind === 'pcsc') return pcscDevices(reader, host, log);
      const devices = simulatedDevices(reader.mechanics, deadlines);
      simulated = devices;
      return devices;
    },
    ...(host.databaseKey ? { databaseKey: host.databaseKey } : {}),
    ...(host.logEcho ? { logEcho: host.logEcho } : {}),
    ...(host.power ? { power: host.power } : {}),
    diagnostics: { ...diagnostics, configuration: config, version: host.version ?? packageVersion() },
    tuning: kioskTuning,
  }).catch(async (error: unknown) => {
    await gateway?.close();
    throw error;
  });
  return {
    kiosk,
    gateway,
    simulated,
    async stop() {
      await kiosk.stop();
      await gateway?.close();
    },
  };
}
