// Which configuration the Electron shell runs. In development the embedded demo is the
// default. A packaged app is a branch terminal, where the demo (a simulated reader, and a
// gateway in-process that trusts only the TEST PKI) would take customers' cards for nothing:
// there a configuration file is required, and one that names either demo part is refused.
import { demoConfig, loadKioskConfig, type ConfigResult } from '../core/config/kiosk-config.ts';

export function shellConfig(path: string | undefined, packaged: boolean): ConfigResult {
  if (!packaged) return path ? loadKioskConfig(path) : { ok: true, value: demoConfig() };
  if (!path) return { ok: false, error: 'KIOSK_CONFIG is not set: a packaged kiosk needs its configuration file' };
  const loaded = loadKioskConfig(path);
  if (!loaded.ok) return loaded;
  if (loaded.value.reader.kind === 'simulated') {
    return { ok: false, error: `${path}: reader.kind: "simulated" is the demo's reader; a packaged kiosk needs "pcsc"` };
  }
  if (loaded.value.gateway.kind === 'embedded') {
    return { ok: false, error: `${path}: gateway.kind: "embedded" is the demo's TEST-PKI gateway; a packaged kiosk needs "remote"` };
  }
  return loaded;
}
