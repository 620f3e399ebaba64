// An emulated My Number card at APDU level, faithful to the documented behaviour of the
// real card (jpki-card.md).
import { parseCommandApdu, type CommandApdu } from '../apdu/command-apdu.ts';
import { fromHex } from '../apdu/hex.ts';
import { encodeResponseApdu, SW } from '../apdu/status-word.ts';
import { AID, type ApplicationName } from '../jpki/applications.ts';
import type { VirtualCard } from './virtual-card.ts';

export const CONTACT_ATR = fromHex('3B E0 00 FF 81 31 FE 45 14');

const INS = { select: 0xa4 } as const;

export class MyNumberCard implements VirtualCard {
  readonly atr = CONTACT_ATR;
  #selected: ApplicationName | undefined;

  powerOn(): void {
    this.#selected = undefined;
  }

  powerOff(): void {
    this.#selected = undefined;
  }

  reset(): void {
    this.#selected = undefined;
  }

  /** The application selected now, for tests. */
  get selectedApplication(): ApplicationName | undefined {
    return this.#selected;
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(this.#answer(command));
  }

  #answer(bytes: Uint8Array): Uint8Array {
    const parsed = parseCommandApdu(bytes);
    if (!parsed.ok) return encodeResponseApdu(SW.wrongLength);
    const apdu = parsed.value;
    if (apdu.cla !== 0x00) return encodeResponseApdu(SW.claNotSupported);
    if (apdu.ins === INS.select) return this.#select(apdu);
    return encodeResponseApdu(SW.insNotSupported);
  }

  #select(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== 0x04) return encodeResponseApdu(SW.incorrectP1P2);
    // A prefix of a DF name selects it, as on the real card.
    const match = (Object.keys(AID) as ApplicationName[]).find((name) => {
      const aid = AID[name];
      return apdu.data.length > 0 && apdu.data.length <= aid.length && apdu.data.every((byte, i) => byte === aid[i]);
    });
    if (!match) return encodeResponseApdu(SW.fileNotFound);
    this.#selected = match;
    return encodeResponseApdu(SW.ok);
  }
}
