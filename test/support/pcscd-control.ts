// Restarting pcscd, for the test that proves the kiosk survives it. CI's pcscd is started
// by .ci/run, which stops it by the PID in PCSCD_PID_FILE: a restart records the new PID.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { Availability } from './components.ts';
import { until } from './until.ts';

const SOCKET = '/run/pcscd/pcscd.comm';

export function canRestartPcscd(): Availability {
  if (process.getuid?.() !== 0) return { ok: false, error: 'restarting pcscd needs root' };
  if (process.env.CI !== 'true' && process.env.KIOSK_TEST_RESTART_PCSCD !== '1') {
    return { ok: false, error: 'restarts the system pcscd: set KIOSK_TEST_RESTART_PCSCD=1 to allow it on this machine' };
  }
  return { ok: true, value: undefined };
}

const running = (): boolean => {
  try {
    execFileSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export async function stopPcscd(): Promise<void> {
  execFileSync('pkill', ['-TERM', '-x', 'pcscd']);
  await until(() => !running(), 'pcscd to stop');
}

export async function startPcscd(): Promise<void> {
  const daemon = spawn('pcscd', ['-f'], { detached: true, stdio: 'ignore' });
  daemon.unref();
  if (process.env.PCSCD_PID_FILE && daemon.pid !== undefined) writeFileSync(process.env.PCSCD_PID_FILE, String(daemon.pid));
  await until(() => existsSync(SOCKET), 'pcscd to listen');
}
