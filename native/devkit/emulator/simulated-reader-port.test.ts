// The simulated reader port goes through a pcscd restart and a reader unplugged as the PC/SC
// port does: the kiosk's card service passes on the same events in the same order, so what
// the fault matrix shows of those outages on the simulated reader holds for pcscd too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePcscContext, PRESENT } from '../../../test/support/fake-pcsclite.ts';
import { JpkiSession } from '../../jpki/jpki-session.ts';
import { PcscReaderPort } from '../../pcsc/pcsc-reader-port.ts';
import type { ReaderEvent } from '../../reader/reader-events.ts';
import type { ReaderPort } from '../../reader/reader-port.ts';
import { serveReaderPort } from '../../reader/reader-service-host.ts';
import { createEmulatedCard } from './emulated-card.ts';
import { SimulatedReaderPort } from './simulated-reader-port.ts';

const NAME = 'Simulated reader 0';
const ATR = '3BE000FF8131FE4514';

afterEach(() => {
  vi.useRealTimers();
});

/** The events as the card service sends them to the kiosk, with the service's free-text detail left out. */
function served(port: ReaderPort): ReaderEvent[] {
  const events: ReaderEvent[] = [];
  serveReaderPort(port, {
    send: (message) => {
      const { kind, event } = message as { kind: string; event: ReaderEvent };
      if (kind === 'event') events.push(event.type === 'service' ? { ...event, detail: '' } : event);
    },
    onMessage: () => undefined,
  });
  return events;
}

describe('the simulated reader port’s outages', () => {
  it('are reported as the PC/SC port reports a pcscd restart and a reader unplugged and plugged in again', async () => {
    vi.useFakeTimers();
    const contexts: FakePcscContext[] = [];
    const pcsc = new PcscReaderPort({
      createContext: () => {
        const context = new FakePcscContext();
        contexts.push(context);
        return context;
      },
      backoff: { initialMs: 100, maxMs: 100 },
    });
    const fromPcsc = served(pcsc);
    pcsc.start();
    contexts[0]?.attach(NAME).status(PRESENT, 1, ATR);
    const simulated = new SimulatedReaderPort();
    const fromSimulation = served(simulated);
    simulated.reader.insert(await createEmulatedCard('default'));
    fromPcsc.splice(0);
    fromSimulation.splice(0);

    // pcscd restarts with the card in the reader.
    contexts[0]?.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    simulated.loseService();
    expect(simulated.snapshot()).toEqual({ ...pcsc.snapshot(), detail: simulated.snapshot().detail });
    vi.advanceTimersByTime(100);
    contexts[1]?.attach(NAME).status(PRESENT, 1, ATR);
    simulated.restoreService();
    expect(simulated.snapshot()).toEqual({ ...pcsc.snapshot(), detail: simulated.snapshot().detail });

    // The reader's cable is pulled out and plugged in again, the card still in it.
    contexts[1]?.readers[NAME]?.close();
    simulated.reader.unplug();
    expect(simulated.snapshot()).toEqual({ ...pcsc.snapshot(), detail: simulated.snapshot().detail });
    contexts[1]?.attach(NAME).status(PRESENT, 1, ATR);
    simulated.reader.plugIn();

    const outage = [
      { type: 'card-removed', reader: NAME, outage: true },
      { type: 'reader-detached', reader: NAME },
    ];
    const back = [
      { type: 'reader-attached', reader: NAME },
      { type: 'card-inserted', reader: NAME, atr: ATR },
    ];
    expect(fromPcsc).toEqual([
      ...outage,
      { type: 'service', available: false, detail: '' },
      { type: 'service', available: true, detail: '' },
      ...back,
      ...outage,
      ...back,
    ]);
    expect(fromSimulation).toEqual(fromPcsc);
    await pcsc.close();
  });

  it('ends every connection with the outage, refuses new ones meanwhile, and loses what the card had verified', async () => {
    const port = new SimulatedReaderPort();
    const card = await createEmulatedCard('default');
    port.reader.insert(card);
    const before = await port.connect(NAME, { exclusive: true });
    if (!before.ok) throw new Error(before.error);
    expect((await new JpkiSession(before.value).verifyPin(new TextEncoder().encode('1234'))).ok).toBe(true);

    port.loseService();
    expect(await before.value.transmit(Uint8Array.of(0, 0xa4, 4, 0x0c))).toEqual({ ok: false, error: 'reader-unavailable' });
    expect(await port.connect(NAME, { exclusive: true })).toEqual({ ok: false, error: 'reader-unavailable' });
    port.restoreService();
    const after = await port.connect(NAME, { exclusive: true });
    if (!after.ok) throw new Error(after.error);
    // Not held by the connection from before the outage, and not verified any more.
    const jpki = new JpkiSession(after.value);
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    expect(await jpki.signWithAuthKey(new Uint8Array(32))).toMatchObject({ ok: false, error: { kind: 'security-status-not-satisfied' } });

    port.reader.unplug();
    expect(await after.value.transmit(Uint8Array.of(0, 0xa4, 4, 0x0c))).toEqual({ ok: false, error: 'reader-unavailable' });
    expect(await port.connect(NAME, { exclusive: true })).toEqual({ ok: false, error: 'reader-unavailable' });
    port.reader.remove(); // taken out of the unplugged reader: nobody can see it go
    port.reader.plugIn();
    expect(port.snapshot().readers).toEqual([{ name: NAME, card: 'empty' }]);
  });

  it('tells what it finds when asked to announce itself, as a freshly opened PC/SC context does', async () => {
    const port = new SimulatedReaderPort();
    port.reader.insert(await createEmulatedCard('default'));
    const events: ReaderEvent[] = [];
    port.on('event', (event) => events.push(event));
    port.announce();
    expect(events).toEqual([
      { type: 'service', available: true, detail: 'simulated reader' },
      { type: 'reader-attached', reader: NAME },
      { type: 'card-inserted', reader: NAME, atr: ATR },
    ]);
  });

  it('stops listening to its reader once closed (a card service process that ended)', async () => {
    const port = new SimulatedReaderPort();
    const next = new SimulatedReaderPort(port.reader);
    await port.close();
    const events: ReaderEvent[] = [];
    port.on('event', (event) => events.push(event));
    port.reader.insert(await createEmulatedCard('default'));
    expect(events).toEqual([]);
    expect(next.snapshot().readers).toEqual([{ name: NAME, card: 'present', atr: ATR }]);
  });
});
