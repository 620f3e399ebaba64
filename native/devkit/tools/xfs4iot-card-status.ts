// `npm run card -- status --xfs4iot URL`: the XFS4IoT card reader and the card in it, with the
// same verdicts as for PC/SC readers. A card the reader holds for someone else (the kiosk's
// customer) is reported in use and not touched: this command has no way to know whose it is.
// With --accept-ms, the reader's intake is opened for that long: a card put in is read
// (sharing nothing, spending no PIN try) and given back at the exit — the reader test an
// operator runs with the kiosk out of service.
import type { Result } from '../../../electron/common/result.ts';
import { inspectReaders, type InspectOptions, type StatusReport } from '../../diagnostics/card-status.ts';
import { createXfs4IotReader, type Xfs4IotReader } from '../../xfs4iot/xfs4iot-reader.ts';
import type { DeviceLink } from '../../xfs4iot/device-link.ts';
import type { WebSocketTls } from '../../xfs4iot/websocket-client.ts';

export interface Xfs4IotStatusOptions extends InspectOptions {
  readonly endpoint: string;
  readonly tls?: WebSocketTls;
  /** How long to wait for the reader service to be found and online. */
  readonly connectMs: number;
  /** Open the intake this long for a card to test with; without it, only what is in is reported. */
  readonly acceptMs?: number;
}

/** What the device says of itself, for the report's detail line. */
export function deviceDetail(link: DeviceLink): string {
  const { state, retainUnit } = link;
  const unit = retainUnit
    ? `, retain unit ${retainUnit.key} ${String(retainUnit.count)}/${retainUnit.capacity > 0 ? String(retainUnit.capacity) : '?'} ${retainUnit.replenishment}`
    : ', no retain unit';
  return `XFS4IoT ${state.detail}: device ${state.device}, media ${state.media}${state.connected ? unit : ''}`.slice(0, 300);
}

/** Waits for a card drawn in by this command, or the time to pass. */
function cardDrawnIn(reader: Xfs4IotReader, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (inserted: boolean): void => {
      clearTimeout(timer);
      reader.port.off('event', listener);
      resolve(inserted);
    };
    const listener = (event: { type: string }): void => {
      if (event.type === 'card-inserted') finish(true);
    };
    const timer = setTimeout(() => finish(false), ms);
    reader.port.on('event', listener);
  });
}

export async function xfs4iotCardStatus(options: Xfs4IotStatusOptions): Promise<Result<StatusReport, string>> {
  const reader = createXfs4IotReader({
    endpoint: options.endpoint,
    ...(options.tls ? { tls: options.tls } : {}),
    deadlines: { commandMs: options.commandTimeoutMs, disconnectMs: 500 },
  });
  try {
    const state = await reader.link.ready(options.connectMs);
    if (!state.connected) return { ok: false, error: `no XFS4IoT card reader at ${options.endpoint} (${state.detail})` };
    let accepted = false;
    if (options.acceptMs !== undefined && reader.link.usable && state.media === 'notPresent') {
      reader.mechanics.accept();
      accepted = await cardDrawnIn(reader, options.acceptMs);
      reader.mechanics.refuse();
    }
    const snapshot = reader.port.snapshot();
    const report = await inspectReaders(reader.port, snapshot, options);
    // Drawn in by another client: held for its session.
    const held = !accepted && (reader.link.state.media === 'present' || reader.link.state.media === 'latched');
    const readers = report.readers.map((entry) =>
      held
        ? {
            reader: entry.reader,
            card: 'present' as const,
            verdict: 'in-use' as const,
            explanation: 'held by the reader for another client (a customer session?): not touched',
            jpkiApplication: 'in-use' as const,
          }
        : entry,
    );
    // The device as it was when the card was read, before giving it back.
    const detail = deviceDetail(reader.link);
    if (accepted) await reader.mechanics.eject().catch(() => undefined);
    return { ok: true, value: { ...report, readers, detail } };
  } finally {
    await reader.port.close();
  }
}
