// The JPKI client's whole 利用者証明 as the kiosk runs it on one connection — select, token
// label, certificate, tries left, VERIFY, SIGN, and the ※5 re-read of the certificate before
// consent — counted per step (instruction bytes only, never data) through any transport.
import { CountingTransport } from '../../native/devkit/tools/counting-transport.ts';
import type { JpkiResult } from '../../native/jpki/jpki-error.ts';
import { JpkiSession } from '../../native/jpki/jpki-session.ts';
import type { ApduTransport } from '../../native/jpki/transport.ts';

export interface FlowCount {
  /** APDUs per step, in order. */
  readonly steps: Record<string, number>;
  /** Every instruction byte sent, in order. */
  readonly instructions: readonly number[];
}

export async function countAuthenticationFlow(transport: ApduTransport): Promise<FlowCount> {
  const counting = new CountingTransport(transport);
  const jpki = new JpkiSession(counting);
  const steps: Record<string, number> = {};
  const instructions: number[] = [];
  const step = async <T>(name: string, action: () => Promise<JpkiResult<T>>): Promise<T> => {
    counting.reset();
    const result = await action();
    if (!result.ok) throw new Error(`${name} failed: ${result.error.kind}`);
    steps[name] = counting.count;
    instructions.push(...counting.instructions);
    return result.value;
  };
  await step('selectApplication', () => jpki.selectApplication());
  await step('readTokenInfo', () => jpki.readTokenInfo());
  await step('readAuthCertificate', () => jpki.readAuthCertificate());
  await step('pinTriesLeft', () => jpki.pinTriesLeft());
  await step('verifyPin', () => jpki.verifyPin(new TextEncoder().encode('1234')));
  await step('signWithAuthKey', () => jpki.signWithAuthKey(new Uint8Array(51).fill(0x30)));
  await step('rereadAuthCertificate', () => jpki.readAuthCertificate());
  return { steps, instructions };
}
