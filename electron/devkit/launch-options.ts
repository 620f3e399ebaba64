// `npm start` options, parsed and checked before anything starts, and the reader they choose.
import { parseArgs } from 'node:util';
import type { Result } from '../common/result.ts';
import { fromTokyo, toTokyo } from '../node/hours/tokyo-time.ts';
import { FAULT_SPEC_HELP, parseFaultSpec, type FaultSpec } from './reference-gateway/fault-spec.ts';
import type { DemoConfig } from './demo-config.ts';

export interface LaunchOptions {
  readonly browser: boolean;
  readonly port: number;
  readonly reader: ReaderChoice | undefined;
  readonly readerName: string | undefined;
  /** With --reader xfs4iot: the chip through chip I/O (default) or on vpcd, read through PC/SC. */
  readonly chip: 'xfs4iot' | 'pcsc' | undefined;
  readonly config: string | undefined;
  readonly open: boolean;
  /** Add the first staff of the maintenance menu on this terminal, then exit. */
  readonly provision: boolean;
  /** The kiosk's clock starts here (and runs on), for the demo of a closed kiosk or a holiday. */
  readonly clock: Date | undefined;
  /** Faults the embedded reference gateway plays. */
  readonly gatewayFaults: readonly FaultSpec[];
  readonly help: boolean;
}

const READERS = ['sim', 'desk', 'pcsc', 'xfs4iot'] as const;
type ReaderChoice = (typeof READERS)[number];

/** "2026-11-29 21:30" (Japan time) as the moment it names, or undefined. */
function parseClock(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = fromTokyo(year, month, day, hour, minute);
  // fromTokyo rolls 2026-02-30 over into March: only a real date and time is taken.
  const back = toTokyo(date);
  const real = back.month === month && back.day === day && back.hour === hour && back.minute === minute;
  return real ? date : undefined;
}

export const USAGE = `usage: npm start -- [--browser] [--port N] [--reader sim|desk|pcsc|xfs4iot] [--chip xfs4iot|pcsc] [--reader-name NAME]
                    [--config FILE] [--clock "YYYY-MM-DD HH:MM"] [--gateway-fault SPEC]... [--no-open]
       npm start -- [--config FILE] --provision-first-staff

  --browser       run the kiosk in Chromium through the browser host (also the fallback
                  when the Electron binary is not installed)
  --port N        the browser host's port on 127.0.0.1 (default: any free port)
  --reader sim    the demo's simulated motorised card reader with emulated cards (default)
  --reader desk   the same cards in a simulated desk reader (the card can be pulled out any time)
  --reader pcsc   a PC/SC reader through pcscd; --reader-name names it (default "Virtual PCD 00 00")
  --reader xfs4iot  the XFS4IoT motorised card reader simulator on a loopback port, which the
                  kiosk drives as a bank's reader (its service publisher's URL is printed)
  --chip pcsc     with --reader xfs4iot: the simulated reader has no chip module; its contacts
                  are vpcd's reader (--reader-name, default "Virtual PCD 00 00"; needs pcscd
                  with vsmartcard-vpcd), which the kiosk reads through PC/SC while the motor
                  stays on XFS4IoT (--chip xfs4iot, the default: chip I/O through XFS4IoT)
  --config FILE   a kiosk configuration file (JSON, see README); default: the embedded demo
  --clock TIME    the kiosk's clock starts at this Japan time and runs on, e.g. "2026-11-29 21:30"
                  (outside operating hours) or "2027-01-01 10:00" (a holiday)
  --gateway-fault SPEC  the embedded reference gateway plays this fault (repeatable):
                  ${FAULT_SPEC_HELP}
                  e.g. submit:status:503 (queued and re-sent later), startRetrieval:hang*1
  --no-open       only print the URLs instead of opening Chromium
  --provision-first-staff
                  add the maintenance menu's first administrator or supervisor to the
                  kiosk's database, asked for on this terminal, then exit (run it twice)
  --help          this text
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
        'provision-first-staff': { type: 'boolean', default: false },
        clock: { type: 'string' },
        'gateway-fault': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: `--port must be a TCP port, not "${values.port}"` };
  const reader = READERS.find((known) => known === values.reader);
  if (values.reader !== undefined && reader === undefined)
    return { ok: false, error: `--reader must be ${READERS.join(', ')}, not "${values.reader}"` };
  const clock = values.clock === undefined ? undefined : parseClock(values.clock);
  if (values.clock !== undefined && clock === undefined)
    return { ok: false, error: `--clock must be a Japan date and time "YYYY-MM-DD HH:MM", not "${values.clock}"` };
  const gatewayFaults: FaultSpec[] = [];
  for (const text of values['gateway-fault']) {
    const fault = parseFaultSpec(text);
    if (!fault.ok) return fault;
    gatewayFaults.push(fault.value);
  }
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
      reader,
      readerName,
      chip,
      config: values.config,
      open: !values['no-open'],
      provision: values['provision-first-staff'],
      clock,
      gatewayFaults,
      help: values.help,
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
    case 'desk':
      return { kind: 'simulated', mechanics: 'desk' };
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
