// Is pcscd running with the vpcd driver loaded? Asked once per test file.
import pcsclite from 'pcsclite';
import type { Availability } from './components.ts';

export const VPCD_READER = /^Virtual PCD 00 00$/;

export async function probePcscWithVpcd(timeoutMs = 3000): Promise<Availability> {
  let context;
  try {
    context = pcsclite();
  } catch (error) {
    return { ok: false, error: `pcscd is not running (${(error as Error).message}); start it with "pcscd -f"` };
  }
  const pcsc = context;
  try {
    return await new Promise<Availability>((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, error: 'pcscd lists no "Virtual PCD 00 00" reader; install vsmartcard-vpcd and restart pcscd' }),
        timeoutMs,
      );
      pcsc.on('error', (error) => {
        clearTimeout(timer);
        resolve({ ok: false, error: `pcscd: ${error.message}` });
      });
      pcsc.on('reader', (reader) => {
        reader.on('error', () => undefined); // reported again by the suites that use it
        if (!VPCD_READER.test(reader.name)) return;
        clearTimeout(timer);
        resolve({ ok: true, value: undefined });
      });
    });
  } finally {
    for (const reader of Object.values(pcsc.readers)) reader.close();
    pcsc.close();
  }
}
