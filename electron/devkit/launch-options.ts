// `npm start` options, parsed and checked before anything starts.
import { parseArgs } from 'node:util';
import type { Result } from '../common/result.ts';

export interface LaunchOptions {
  readonly browser: boolean;
  readonly port: number;
  readonly reader: 'sim' | 'pcsc' | undefined;
  readonly readerName: string | undefined;
  readonly config: string | undefined;
  readonly open: boolean;
  /** Add the first staff of the maintenance menu on this terminal, then exit. */
  readonly provision: boolean;
}

export const USAGE = `usage: npm start -- [--browser] [--port N] [--reader sim|pcsc] [--reader-name NAME] [--config FILE] [--no-open]
       npm start -- [--config FILE] --provision-first-staff

  --browser       run the kiosk in Chromium through the browser host (also the fallback
                  when the Electron binary is not installed)
  --port N        the browser host's port on 127.0.0.1 (default: any free port)
  --reader sim    the demo's simulated card reader with emulated cards (default)
  --reader pcsc   a PC/SC reader through pcscd; --reader-name names it (default "Virtual PCD 00 00")
  --config FILE   a kiosk configuration file (JSON, see README); default: the embedded demo
  --no-open       only print the URLs instead of opening Chromium
  --provision-first-staff
                  add the maintenance menu's first administrator or supervisor to the
                  kiosk's database, asked for on this terminal, then exit (run it twice)
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
        config: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'provision-first-staff': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, error: `--port must be a TCP port, not "${values.port}"` };
  if (values.reader !== undefined && values.reader !== 'sim' && values.reader !== 'pcsc')
    return { ok: false, error: `--reader must be sim or pcsc, not "${values.reader}"` };
  return {
    ok: true,
    value: {
      browser: values.browser,
      port,
      reader: values.reader,
      readerName: values['reader-name'],
      config: values.config,
      open: !values['no-open'],
      provision: values['provision-first-staff'],
    },
  };
}
