// The packaging, checked statically (the Electron binary and electron-builder's downloads
// are not available here): the configuration is valid for electron-builder's own schema,
// every Electron fuse is set explicitly and safely, and the branch service is what the
// deployment guide says. What the build emits, and that it starts: product-build.test.ts.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import afterPack, { electronBinary, FUSES } from './electron-fuses.ts';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const config = z
  .object({
    asarUnpack: z.array(z.string()),
    afterPack: z.string(),
    deb: z.object({ depends: z.array(z.string()), afterInstall: z.string(), afterRemove: z.string() }),
    extraResources: z.array(z.object({ from: z.string(), to: z.string() })),
  })
  .loose()
  .parse(JSON.parse(readFileSync(join(root, 'build', 'electron-builder.json'), 'utf8')));

describe('the electron-builder configuration', () => {
  it('is valid for electron-builder’s own schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
    const builderConfig = config as Record<string, unknown>;
    await expect(validateConfiguration(builderConfig, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...builderConfig, electronFuses: { runAsNode: 'no' } }, new DebugLogger(false))).rejects.toThrow();
  });

  it('sets every Electron fuse explicitly, the dangerous ones off, with the @electron/fuses that knows them all', () => {
    // Not electron-builder's electronFuses: its bundled @electron/fuses lacks the newest fuses.
    expect(config).not.toHaveProperty('electronFuses');
    expect(config.afterPack).toBe('./build/electron-fuses.ts');
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(FUSES).map((index) => FuseV1Options[Number(index)])).toEqual(known);
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    });
  });

  it('flips the fuses of the packed Electron binary, and stops the build on a fuse nobody decided on', async () => {
    // A stand-in binary with Electron's fuse wire (sentinel, version 1, length, one byte per fuse).
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // Electron's, not exported by @electron/fuses
    const wire = (fuses: number): Buffer =>
      Buffer.concat([randomBytes(4096), Buffer.from(SENTINEL), Buffer.from([1, fuses]), Buffer.alloc(fuses, '1'), randomBytes(4096)]);
    const appOutDir = mkdtempSync(join(tmpdir(), 'packed-'));
    try {
      const app = {
        appOutDir,
        electronPlatformName: 'linux',
        packager: { executableName: 'mynaportal-kiosk', appInfo: { productFilename: 'x' } },
      };
      writeFileSync(join(appOutDir, 'mynaportal-kiosk'), wire(9));
      await afterPack(app);
      const flipped = await getCurrentFuseWire(electronBinary(app));
      const expected = Object.fromEntries(Object.entries(FUSES).map(([index, on]) => [index, on ? FuseState.ENABLE : FuseState.DISABLE]));
      expect(flipped).toMatchObject(expected);
      // A future Electron with a tenth fuse: the build stops rather than leave it at its default.
      writeFileSync(join(appOutDir, 'mynaportal-kiosk'), wire(10));
      await expect(afterPack(app)).rejects.toThrow();
    } finally {
      rmSync(appOutDir, { recursive: true, force: true });
    }
  });

  it('unpacks native addons from the asar and depends on pcscd and cage', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.deb.depends).toEqual(expect.arrayContaining(['pcscd', 'cage', 'fonts-noto-cjk']));
  });

  it('ships the scripts and the service it names', () => {
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) accessSync(join(root, script), constants.X_OK);
    for (const resource of config.extraResources) accessSync(join(root, resource.from), constants.R_OK);
  });

  it('has install scripts that parse, and an upgrade that leaves the service enabled', () => {
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) execFileSync('sh', ['-n', join(root, script)]);
    // dpkg runs the old version's after-remove on an upgrade: it must not disable the service.
    const stubs = mkdtempSync(join(tmpdir(), 'stubs-'));
    try {
      const calls = join(stubs, 'calls');
      for (const command of ['systemctl', 'apparmor_parser', 'rm'])
        writeFileSync(join(stubs, command), `#!/bin/sh\necho ${command} "$@" >> ${calls}\n`, { mode: 0o755 });
      execFileSync('sh', [join(root, config.deb.afterRemove), 'upgrade'], { env: { PATH: `${stubs}:/usr/bin:/bin` } });
      expect(existsSync(calls)).toBe(false);
      execFileSync('sh', [join(root, config.deb.afterRemove), 'remove'], { env: { PATH: `${stubs}:/usr/bin:/bin` } });
      expect(readFileSync(calls, 'utf8')).toContain('systemctl disable --now mynaportal-kiosk.service');
    } finally {
      rmSync(stubs, { recursive: true, force: true });
    }
  });
});

describe('the branch service', () => {
  const unit = readFileSync(join(root, 'build', 'deb', 'mynaportal-kiosk.service'), 'utf8');

  it('runs the kiosk under cage as the unprivileged user, in Japan time, restarting it on exit', () => {
    expect(unit).toMatch(/^User=kiosk$/m);
    expect(unit).toMatch(/^Environment=TZ=Asia\/Tokyo$/m);
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/cage .*-- \/opt\/mynaportal-kiosk\/mynaportal-kiosk/m);
    expect(unit).toMatch(/^NoNewPrivileges=yes$/m);
    expect(unit).toMatch(/^UMask=0077$/m);
    expect(unit).toMatch(/^Wants=pcscd\.socket/m);
  });

  it('gives a keyboard no way out of the kiosk, and cage a place for its Wayland socket', () => {
    const cage = /^ExecStart=\/usr\/bin\/cage (?<options>.*?) -- /m.exec(unit)?.groups?.['options'] ?? '';
    // cage -s would allow switching to a text console with Ctrl+Alt+Fn.
    expect(cage.split(/\s+/)).not.toContain('-s');
    // ProtectHome= hides /run/user too, and cage cannot start without its runtime directory.
    expect(unit).not.toMatch(/^ProtectHome=(?!no)/m);
    expect(unit).not.toMatch(/^InaccessiblePaths=.*\/run\b/m);
    expect(unit).toMatch(/^InaccessiblePaths=.*\/home\b/m);
  });
});
