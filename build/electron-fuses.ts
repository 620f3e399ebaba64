// electron-builder afterPack hook: flips every Electron fuse, before anything is signed.
// electron-builder's own `electronFuses` goes through the @electron/fuses it bundles, which
// does not know the newest fuses; this uses ours, with strictlyRequireAllFuses, so a fuse that
// a future Electron adds stops the build until someone decides on it.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** Every fuse, the dangerous ones off. */
export const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Checked where Electron supports it (macOS, Windows); ignored on Linux.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // V8's guard against out-of-bounds WebAssembly memory access stays on.
  [FuseV1Options.WasmTrapHandlers]: true,
} as const;

/** The part of electron-builder's AfterPackContext this needs. */
export interface PackedApp {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly packager: { readonly executableName: string; readonly appInfo: { readonly productFilename: string } };
}

/** Where the Electron binary of a packed app is (as electron-builder's own fuse step finds it). */
export function electronBinary(app: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = app;
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, `${packager.appInfo.productFilename}.app`);
}

export default async function afterPack(app: PackedApp): Promise<void> {
  await flipFuses(electronBinary(app), {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature: false,
    ...FUSES,
  });
}
