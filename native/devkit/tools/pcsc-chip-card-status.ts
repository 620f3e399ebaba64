// `npm run card -- status --xfs4iot URL --chip-reader NAME`: a motorised reader whose motor is
// on XFS4IoT and whose chip contacts are the PC/SC reader NAME. The motor's state and retain
// unit come from the card reader service, the card's from PC/SC (in the status worker, as for
// any PC/SC reader, so that a card that never answers cannot hang the command). A card the
// motor holds for someone else (the kiosk's customer) is reported in use and not touched.
// With --accept-ms the intake opens for that long: a card put in is drawn onto the contacts,
// read through PC/SC (spending no PIN try) and given back at the exit — the reader test.
import type { Result } from '../../../electron/common/result.ts';
import type { ReaderReport, StatusReport } from '../../diagnostics/card-status.ts';
import type { StatusRequest } from '../../diagnostics/status-worker-protocol.ts';
import type { CardSlot } from '../../xfs4iot/card-slot.ts';
import { DEFAULT_CHIP_SETTLE_MS } from '../../xfs4iot/pcsc-chip-port.ts';
import { openXfs4IotMotor } from '../../xfs4iot/xfs4iot-reader.ts';
import { runCardStatus } from './run-card-status.ts';
import { deviceDetail, type Xfs4IotStatusOptions } from './xfs4iot-card-status.ts';

export interface PcscChipStatusOptions extends Xfs4IotStatusOptions {
  /** The PC/SC reader wired to the contacts (the configuration's reader.chip.name). */
  readonly chipReader: string;
  /** How long PC/SC gets to see the chip of a card drawn in for the test. */
  readonly chipSettleMs?: number;
}

/** Waits for a card drawn onto the transport, or the time to pass. */
function drawnIn(slot: CardSlot, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (inserted: boolean): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(inserted);
    };
    const unsubscribe = slot.onChange(({ to }) => {
      if (to === 'transport') finish(true);
    });
    const timer = setTimeout(() => finish(false), ms);
  });
}

const inUse = (reader: string): ReaderReport => ({
  reader,
  card: 'present',
  verdict: 'in-use',
  explanation: 'held by the motorised reader for another client (a customer session?): not touched',
  jpkiApplication: 'in-use',
});

export async function pcscChipCardStatus(options: PcscChipStatusOptions): Promise<Result<StatusReport, string>> {
  const motor = openXfs4IotMotor({ endpoint: options.endpoint, ...(options.tls ? { tls: options.tls } : {}) }, false);
  motor.link.start();
  try {
    const state = await motor.link.ready(options.connectMs);
    if (!state.connected) return { ok: false, error: `no XFS4IoT card reader at ${options.endpoint} (${state.detail})` };
    let accepted = false;
    if (options.acceptMs !== undefined && motor.link.usable && state.media === 'notPresent') {
      motor.mechanics.accept();
      accepted = await drawnIn(motor.slot, options.acceptMs);
      motor.mechanics.refuse();
    }
    const held = !accepted && (motor.link.state.media === 'present' || motor.link.state.media === 'latched');
    const detail = deviceDetail(motor.link);
    if (held) return { ok: true, value: { serviceAvailable: motor.link.usable, detail, readers: [inUse(options.chipReader)] } };
    const request: StatusRequest = {
      commandTimeoutMs: options.commandTimeoutMs,
      crls: [...(options.crls ?? [])],
      cas: [...(options.cas ?? [])],
      readers: [options.chipReader],
      ...(accepted ? { cardWaitMs: options.chipSettleMs ?? DEFAULT_CHIP_SETTLE_MS } : {}),
    };
    const chip = await runCardStatus(request);
    if (accepted) await motor.mechanics.eject().catch(() => undefined);
    if (!chip.ok) return chip;
    const listed = chip.value.readers.length > 0;
    return {
      ok: true,
      value: {
        serviceAvailable: motor.link.usable && chip.value.serviceAvailable && listed,
        detail: `${detail}; chip on PC/SC "${options.chipReader}"${listed ? '' : ' (not found)'}: ${chip.value.detail}`.slice(0, 300),
        readers: chip.value.readers,
      },
    };
  } finally {
    motor.link.stop();
  }
}
