// The devkit's configuration: the product's, plus the demo's own parts — a simulated reader
// with emulated cards (in-process, or the XFS4IoT card reader simulator on a loopback port)
// and the reference gateway in-process (which trusts only the TEST PKI).
// The product cannot read such a file: its schema knows no demo kinds.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Result } from '../common/result.ts';
import {
  CONFIG_SETTINGS,
  loadConfigFile,
  PcscReaderSchema,
  RemoteGatewaySchema,
  Xfs4IotReaderSchema,
} from '../node/config/kiosk-config.ts';

/** The demo: an in-process simulated reader, motorised (holds the card) or a plain desk reader. */
export const SimulatedReaderSchema = z.object({ kind: z.literal('simulated'), mechanics: z.enum(['motorised', 'desk']) }).strict();
/**
 * The demo: the XFS4IoT card reader simulator started with the kiosk (on a free loopback port),
 * which the kiosk reaches as the product does a motorised reader: its XFS4IoT client over
 * WebSocket. With `chip`, the simulated device has no chip module: its contacts are vpcd's
 * reader on `vpcdPort` (pcscd with vsmartcard-vpcd), which the kiosk reads as the PC/SC reader
 * `name` through its card service — a motorised reader whose chip is on PC/SC.
 */
export const Xfs4IotSimulatorSchema = z
  .object({
    kind: z.literal('xfs4iot-simulator'),
    chip: z
      .object({ kind: z.literal('pcsc'), name: z.string().min(1).max(200), vpcdPort: z.number().int().min(1).max(65_535) })
      .strict()
      .optional(),
  })
  .strict();
/** The demo: the reference gateway in-process, trusting the TEST PKI only. */
export const EmbeddedGatewaySchema = z.object({ kind: z.literal('embedded') }).strict();

export const DemoConfigSchema = z
  .object({
    ...CONFIG_SETTINGS,
    gateway: z.discriminatedUnion('kind', [RemoteGatewaySchema, EmbeddedGatewaySchema], {
      error: 'must be a gateway of kind "remote" or "embedded"',
    }),
    reader: z.discriminatedUnion('kind', [PcscReaderSchema, Xfs4IotReaderSchema, SimulatedReaderSchema, Xfs4IotSimulatorSchema], {
      error: 'must be a card reader of kind "pcsc", "xfs4iot", "simulated" or "xfs4iot-simulator"',
    }),
  })
  .strict();
export type DemoConfig = z.infer<typeof DemoConfigSchema>;

export const demoConfig = (): DemoConfig => ({
  dataDir: join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'mynaportal-kiosk'),
  gateway: { kind: 'embedded' },
  reader: { kind: 'simulated', mechanics: 'motorised' },
  // The demo runs on a computer: its keyboard's digits, Backspace and Enter work on the PIN screen.
  display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: true },
  // What a terminal writes to its removable medium, the demo puts where a browser puts a download.
  records: { exportFolder: join(homedir(), 'Downloads') },
});

export const loadDemoConfig = (path: string): Result<DemoConfig, string> => loadConfigFile(path, DemoConfigSchema);
