// Which configuration the product's shell runs: the branch's file, always. The product knows
// no demo (a simulated reader, a gateway that trusts only the TEST PKI would take customers'
// cards for nothing), so a file naming either is refused, naming the field.
import type { Result } from '../common/result.ts';
import { loadKioskConfig, type KioskConfig } from '../node/config/kiosk-config.ts';

export function branchConfig(path: string | undefined): Result<KioskConfig, string> {
  if (!path) return { ok: false, error: 'KIOSK_CONFIG is not set: the kiosk needs its configuration file' };
  return loadKioskConfig(path);
}
