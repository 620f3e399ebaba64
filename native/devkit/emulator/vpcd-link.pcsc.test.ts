// The PC/SC plumbing end to end: an emulated card attached to vpcd is seen by pcscd and by
// pcsclite exactly as a physical card in a reader would be.
import pcsclite, { type PCSCLite } from 'pcsclite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromHex, toHex } from '../../apdu/hex.ts';
import { describeWhenAvailable } from '../../../test/support/components.ts';
import { probePcscWithVpcd, VPCD_READER } from '../../../test/support/pcsc-probe.ts';
import { connectShared, disconnect, isEmpty, isPresent, ReaderWatch, transmit } from '../../../test/support/pcsc-reader.ts';
import { createEmulatedCard } from './emulated-card.ts';
import { CONTACT_ATR } from './my-number-card.ts';
import { VpcdLink } from './vpcd-link.ts';

const SELECT_JPKI_AP = fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
const SELECT_UNKNOWN_AP = fromHex('00 A4 04 0C 05 A0 00 00 00 03');

describeWhenAvailable('an emulated card attached over vpcd', await probePcscWithVpcd(), () => {
  let pcsc: PCSCLite;
  let watch: ReaderWatch;
  let link: VpcdLink;

  beforeAll(async () => {
    pcsc = pcsclite();
    watch = new ReaderWatch(pcsc);
    link = new VpcdLink({ card: await createEmulatedCard('default') });
    await link.start();
  });

  afterAll(async () => {
    await link.stop();
    pcsc.close();
  });

  it('is reported present by pcscd with the card ATR', async () => {
    const reader = await watch.waitFor(VPCD_READER, isPresent);
    expect(reader.name).toBe('Virtual PCD 00 00');
    expect(toHex(watch.latest(reader)?.atr ?? new Uint8Array())).toBe(toHex(CONTACT_ATR));
  });

  it('answers SELECT of the JPKI AP with 9000 and of an unknown AP with 6A82', async () => {
    const reader = await watch.waitFor(VPCD_READER, isPresent);
    const protocol = await connectShared(reader);
    try {
      expect(toHex(await transmit(reader, protocol, SELECT_JPKI_AP))).toBe('90 00');
      expect(toHex(await transmit(reader, protocol, SELECT_UNKNOWN_AP))).toBe('6A 82');
    } finally {
      await disconnect(reader);
    }
  });

  it('is reported removed when the card is detached', async () => {
    await link.stop();
    await expect(watch.waitFor(VPCD_READER, isEmpty)).resolves.toMatchObject({ name: 'Virtual PCD 00 00' });
  });
});
