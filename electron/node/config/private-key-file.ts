// The kiosk's mTLS private key lives in a root-owned file its group (the kiosk's user) may
// only read. A key other users can read, or the group can change, is refused at start-up
// rather than used, and the message names the setting so the installer knows what to fix.
import { readFileSync, statSync } from 'node:fs';

export function readPrivateKeyFile(path: string, setting: string, platform: NodeJS.Platform = process.platform): string {
  // Windows has no mode bits: there the installer's ACL on the folder protects the key.
  if (platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o027) !== 0)
      throw new Error(
        `${setting}: ${path} is open to users outside the kiosk's group (mode ${mode.toString(8)}); make it root:kiosk, mode 640`,
      );
  }
  return readFileSync(path, 'utf8');
}
