// `npm start` options, parsed and checked before anything starts, and the reader they choose.
import { parseArgs } from 'node:util';
import type { Result } from '../common/result.ts';
import type { DemoConfig } from './demo-config.ts';

export interface LaunchOptions {
  readonly browser: boolean;
  readonly port: number;
  readonly reader: 'sim' | 'pcsc' | 'xfs4iot' | undefined;
  readonly readerName: string | undefined;
  /** With --reader xfs4iot: the chip through chip I/O (default) or on vpcd, read through PC/SC. */
  readonly chip: 'xfs4iot' | 'pcsc' | undefined;
  readonly config: string | undefined;
  readonly open: boolean;
}

export const USAGE = `usage: npm start -- [--browser] [--port N] [--reader sim|pcsc|xfs4iot] [--chip xfs4iot|pcsc] [--reader-name NAME]
                       [--config FILE] [--no-open]

  --browser       run the kiosk in Chromium through the browser host (also the fallback
                  when the Electron binary is not installed)
  --port N        the browser host's port on 127.0.0.1 (default: any free port)
  --reader sim    the demo's simulated card reader with emulated cards (default)
  --reader pcsc   a PC/SC reader through pcscd; --reader-name names it (default "Virtual PCD 00 00")
  --reader xfs4iot  the XFS4IoT motorised card reader simulator on a loopback port, which the
                  kiosk drives as a bank's reader (its service publisher's URL is printed)
  --chip pcsc     with --reader xfs4iot: the simulated reader has no chip module; its contacts
                  are vpcd's reader (--reader-name, default "Virtual PCD 00 00"; needs pcscd
                  with vsmartcard-vpcd), which the kiosk reads through PC/SC while the motor
                  stays on XFS4IoT (--chip xfs4iot, the default: chip I/O through XFS4IoT)
  --config FILE   a kiosk configuration file (JSON, see README); default: the embedded demo
  --no-open       only print the URLs instead of opening Chromium
`;

export type LaunchResult = Result<LaunchOptions, string>;

export function parseLaunchOptions(args: readonly string[]): LaunchResult {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        browser: { type: 'boolean', default: false },
        port: { type: 'string', default: '0' },
        reader: { type: 'string' },
        'reader-name': { type: 'string' },
        chip: { type: 'string' },
        config: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: `--port must be a TCP port, not "${values.port}"` };
  if (values.reader !== undefined && values.reader !== 'sim' && values.reader !== 'pcsc' && values.reader !== 'xfs4iot')
    return { ok: false, error: `--reader must be sim, pcsc or xfs4iot, not "${values.reader}"` };
  const chip = values.chip;
  if (chip !== undefined && chip !== 'xfs4iot' && chip !== 'pcsc')
    return { ok: false, error: `--chip must be xfs4iot or pcsc, not "${chip}"` };
  if (chip !== undefined && values.reader !== 'xfs4iot') return { ok: false, error: '--chip goes with --reader xfs4iot' };
  const readerName = values['reader-name'];
  if (chip === 'pcsc' && readerName !== undefined && vpcdPortOf(readerName) === undefined)
    return {
      ok: false,
      error: `--reader-name with --chip pcsc must be a vpcd reader ("Virtual PCD 00 00" or "Virtual PCD 00 01"), not "${readerName}"`,
    };
  return {
    ok: true,
    value: {
      browser: values.browser,
      port,
      reader: values.reader,
      readerName,
      chip,
      config: values.config,
      open: !values['no-open'],
    },
  };
}

/** vpcd's readers and the ports their cards attach to (vsmartcard's defaults). */
const VPCD_READERS: Readonly<Record<string, number>> = { 'Virtual PCD 00 00': 35963, 'Virtual PCD 00 01': 35964 };

function vpcdPortOf(name: string): number | undefined {
  return Object.hasOwn(VPCD_READERS, name) ? VPCD_READERS[name] : undefined;
}

/** The reader the options choose instead of the configuration's, if any. */
export function readerOf(options: LaunchOptions): DemoConfig['reader'] | undefined {
  switch (options.reader) {
    case 'sim':
      return { kind: 'simulated', mechanics: 'motorised' };
    case 'pcsc':
      return { kind: 'pcsc', name: options.readerName ?? 'Virtual PCD 00 00' };
    case 'xfs4iot': {
      if (options.chip !== 'pcsc') return { kind: 'xfs4iot-simulator' };
      const name = options.readerName ?? 'Virtual PCD 00 00';
      return { kind: 'xfs4iot-simulator', chip: { kind: 'pcsc', name, vpcdPort: vpcdPortOf(name) ?? 35963 } };
    }
    case undefined:
      return undefined;
  }
}
