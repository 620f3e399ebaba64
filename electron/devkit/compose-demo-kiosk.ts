// The devkit's composition root: the product's (compose-kiosk.ts) with the demo's parts where
// the configuration names them — the simulated reader with emulated cards, motorised or a
// desk reader, or the XFS4IoT card reader simulator reached through the product's XFS4IoT
// reader (its chip through chip I/O, or on vpcd read through PC/SC), and the reference gateway
// in-process. Used by `npm start`, the demo's Electron
// entry and the tests.
import { readFileSync } from 'node:fs';
import type { CardMechanics } from '../../native/reader/card-mechanics.ts';
import type { CommandDeadlines } from '../../native/reader/command-deadline.ts';
import { PresenceGuard } from '../../native/reader/presence-guard.ts';
import { SimulatedMotorisedReader } from '../../native/devkit/emulator/motorised-reader.ts';
import { SimulatedReaderPort } from '../../native/devkit/emulator/simulated-reader-port.ts';
import { VpcdContacts } from '../../native/devkit/xfs4iot-sim/chip-contacts.ts';
import { SimulatedDevice, type DeviceTimings } from '../../native/devkit/xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer, type SimulatorServer } from '../../native/devkit/xfs4iot-sim/simulator-server.ts';
import {
  readerDevices,
  remoteGateway,
  xfs4iotDevices,
  type GatewayTuning,
  type HostServices,
  type KioskRuntime,
  type PcscTuning,
  type Xfs4IotTuning,
} from '../node/compose-kiosk.ts';
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
  /** The XFS4IoT card reader simulator, when the configuration starts one. */
  readonly xfs4iot: SimulatorServer | undefined;
}

export interface DemoTuning extends KioskTuning {
  /** How long the embedded gateway's simulated マイナポータル takes. */
  readonly gatewayProcessingMs?: number;
  /** How long the simulated reader's card may take to answer (tests shorten them). */
  readonly deadlines?: CommandDeadlines;
  /** The gateway client's deadline and retries. */
  readonly gatewayClient?: GatewayTuning;
  /** The card service's supervision and the presence guard, for a PC/SC reader. */
  readonly pcsc?: PcscTuning;
  /** The XFS4IoT simulator's device (its timings, retain unit), and the kiosk's XFS4IoT client's timings. */
  readonly xfs4iot?: {
    readonly device?: { readonly timings?: Partial<DeviceTimings>; readonly capacity?: number; readonly threshold?: number };
    readonly client?: Omit<Xfs4IotTuning, 'deadlines'>;
  };
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
    cardIntake: mechanics,
  };
}

export async function startDemoKioskRuntime(
  config: DemoConfig,
  host: HostServices = {},
  tuning: DemoTuning = {},
): Promise<DemoKioskRuntime> {
  const { gatewayProcessingMs, deadlines, xfs4iot: xfs4iotTuning, gatewayClient, pcsc, ...kioskTuning } = tuning;
  let gateway: ReferenceGateway | undefined;
  let client: GatewayClient;
  let diagnostics: Pick<KioskDiagnostics, 'gateway' | 'keyFiles'>;
  if (config.gateway.kind === 'embedded') {
    gateway = await createTestGateway({ processingMs: gatewayProcessingMs ?? 1500, ...(tuning.now ? { now: tuning.now } : {}) });
    const url = await gateway.listen();
    client = new GatewayClient({ ...gatewayClient, baseUrl: url });
    diagnostics = { gateway: { url, tls: undefined }, keyFiles: [] };
  } else {
    ({ client, diagnostics } = remoteGateway(config.gateway, gatewayClient));
  }
  const { reader } = config;
  let simulated: SimulatedDevices | undefined;
  // Started first, so that the kiosk finds its service publisher at once.
  const contacts = reader.kind === 'xfs4iot-simulator' && reader.chip ? { contacts: new VpcdContacts(reader.chip.vpcdPort) } : {};
  const xfs4iot =
    reader.kind === 'xfs4iot-simulator'
      ? await startSimulatorServer(new SimulatedDevice({ ...xfs4iotTuning?.device, ...contacts }))
      : undefined;
  const xfs4iotClient = { ...xfs4iotTuning?.client, ...(deadlines ? { deadlines } : {}) };
  const kiosk = await Kiosk.start({
    settings: config,
    gateway: client,
    devices: (log) => {
      if (reader.kind === 'simulated') {
        const devices = simulatedDevices(reader.mechanics, deadlines);
        simulated = devices;
        return devices;
      }
      if (reader.kind === 'xfs4iot-simulator') {
        const chip = reader.chip ? { chip: { kind: 'pcsc' as const, name: reader.chip.name } } : {};
        return xfs4iotDevices({ kind: 'xfs4iot', endpoint: xfs4iot?.endpoint ?? '', ...chip }, host, log, xfs4iotClient);
      }
      return readerDevices(reader, host, log, { ...xfs4iotClient, ...(pcsc ? { pcsc } : {}) });
    },
    ...(host.databaseKey ? { databaseKey: host.databaseKey } : {}),
    ...(host.logEcho ? { logEcho: host.logEcho } : {}),
    ...(host.power ? { power: host.power } : {}),
    diagnostics: { ...diagnostics, configuration: config, version: host.version ?? packageVersion() },
    tuning: kioskTuning,
  }).catch(async (error: unknown) => {
    await gateway?.close();
    await xfs4iot?.close();
    throw error;
  });
  return {
    kiosk,
    gateway,
    simulated,
    xfs4iot,
    async stop() {
      await kiosk.stop();
      await gateway?.close();
      await xfs4iot?.close();
    },
  };
}
