// `npm start` reports Chromium's failure in Chromium's own words, and success only when the
// kiosk screen has connected; as root (containers) Chromium gets the one flag it needs.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { CHROMIUM, probeChromium } from '../../test/support/chromium-probe.ts';
import { chromiumCommand, launchChromium } from './chromium-launch.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A stand-in browser: a shell script doing what a failing or a working Chromium does. */
function browser(script: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'chromium-'));
  folders.push(folder);
  const path = join(folder, 'chromium');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

function logFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'chromium-log-'));
  folders.push(folder);
  return join(folder, 'chromium.log');
}

const target = { url: 'http://127.0.0.1:1/#token=T', demoUrl: 'http://127.0.0.1:1/dev.html#token=T', profile: '/tmp/p' };
const never = new Promise<void>(() => undefined);

describe('opening the kiosk screen in Chromium', () => {
  it('turns the sandbox off only for root, which Chromium refuses to sandbox', () => {
    expect(chromiumCommand({ ...target, executable: 'c', asRoot: true })).toMatchObject({ sandboxOff: true });
    expect(chromiumCommand({ ...target, executable: 'c', asRoot: true }).args).toContain('--no-sandbox');
    const user = chromiumCommand({ ...target, executable: 'c', asRoot: false });
    expect(user.sandboxOff).toBe(false);
    expect(user.args).not.toContain('--no-sandbox');
    expect(user.args).toEqual(expect.arrayContaining(['--app=http://127.0.0.1:1/#token=T', target.demoUrl, '--user-data-dir=/tmp/p']));
  });

  it('reports a Chromium that exits at once with what it said', async () => {
    const executable = browser('echo "Running as root without --no-sandbox is not supported." >&2; exit 1');
    const result = await launchChromium(chromiumCommand({ ...target, executable, asRoot: false }), {
      screenConnected: never,
      timeoutMs: 10_000,
      logFile: logFile(),
    });
    expect(result).toEqual({
      ok: false,
      error: 'Chromium exited with code 1 before showing the kiosk screen:\nRunning as root without --no-sandbox is not supported.',
    });
  });

  it('reports a Chromium that shows nothing within the time, with what it said so far', async () => {
    const executable = browser("echo 'Missing X server or $DISPLAY' >&2; exec sleep 5");
    const result = await launchChromium(chromiumCommand({ ...target, executable, asRoot: false }), {
      screenConnected: never,
      timeoutMs: 300,
      logFile: logFile(),
    });
    expect(result).toEqual({ ok: false, error: 'Chromium has not shown the kiosk screen after 0.3 s:\nMissing X server or $DISPLAY' });
  });

  it('succeeds once the screen connects, and leaves Chromium running on its own', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'chromium-run-')), 'alive');
    folders.push(join(marker, '..'));
    const executable = browser(`touch ${marker}; exec sleep 2`);
    let connect = (): void => undefined;
    const screenConnected = new Promise<void>((resolve) => (connect = resolve));
    setTimeout(() => connect(), 100);
    const result = await launchChromium(chromiumCommand({ ...target, executable, asRoot: false }), {
      screenConnected,
      timeoutMs: 10_000,
      logFile: logFile(),
    });
    expect(result).toEqual({ ok: true, value: undefined });
    expect(existsSync(marker)).toBe(true);
  });

  it('reports an executable that cannot be started', async () => {
    const result = await launchChromium(chromiumCommand({ ...target, executable: '/nonexistent/chromium', asRoot: false }), {
      screenConnected: never,
      timeoutMs: 10_000,
      logFile: logFile(),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Chromium could not be started: spawn \/nonexistent\/chromium ENOENT/);
  });
});

describeWhenAvailable('the real Chromium', probeChromium(), () => {
  it('reports it failing without a display, in its own words', async () => {
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    folders.push(profile);
    const command = chromiumCommand({ ...target, executable: CHROMIUM, profile, asRoot: process.getuid?.() === 0 });
    const result = await launchChromium(command, { screenConnected: never, timeoutMs: 20_000, env, logFile: logFile() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/before showing the kiosk screen:\n[\s\S]*(display|DISPLAY|X server)/);
  });
});
