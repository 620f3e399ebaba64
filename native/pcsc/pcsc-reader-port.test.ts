// The PC/SC reader port's bookkeeping against a fake pcsclite: context loss and recovery,
// backoff, and a quick swap between two cards with the same ATR.
import type { PCSCLite } from 'pcsclite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY, FakePcscContext, PRESENT } from '../../test/support/fake-pcsclite.ts';
import type { ReaderEvent } from '../reader/reader-events.ts';
import { PcscReaderPort } from './pcsc-reader-port.ts';

afterEach(() => {
  vi.useRealTimers();
});

function portWith(factory: () => PCSCLite): { port: PcscReaderPort; events: ReaderEvent[] } {
  const port = new PcscReaderPort({ createContext: factory, backoff: { initialMs: 100, maxMs: 800, stableMs: 5000 } });
  const events: ReaderEvent[] = [];
  port.on('event', (event) => events.push(event));
  port.start();
  return { port, events };
}

describe('the PC/SC reader port', () => {
  it('reports a card swapped for another with the same ATR between two status reports', () => {
    const context = new FakePcscContext();
    const { events } = portWith(() => context);
    const reader = context.attach('R');
    reader.status(PRESENT, 1, '3BE000FF8131FE4514');
    reader.status(PRESENT, 3, '3BE000FF8131FE4514'); // pcscd counted a removal and an insertion
    expect(events.filter((event) => event.type.startsWith('card'))).toEqual([
      { type: 'card-inserted', reader: 'R', atr: '3BE000FF8131FE4514' },
      { type: 'card-removed', reader: 'R' },
      { type: 'card-inserted', reader: 'R', atr: '3BE000FF8131FE4514' },
    ]);
  });

  it('reports the service down and the readers gone when the context dies, and reopens it with growing delays', () => {
    vi.useFakeTimers();
    const contexts: FakePcscContext[] = [];
    let refuse = false;
    const { port, events } = portWith(() => {
      if (refuse) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      const context = new FakePcscContext();
      contexts.push(context);
      return context;
    });
    const reader = contexts[0]?.attach('R');
    reader?.status(PRESENT, 1, '3BE000FF8131FE4514');

    refuse = true;
    contexts[0]?.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    expect(contexts[0]?.closed).toBe(true);
    expect(events.slice(-3)).toEqual([
      { type: 'card-removed', reader: 'R' },
      { type: 'reader-detached', reader: 'R' },
      { type: 'service', available: false, detail: 'PC/SC context lost: SCardGetStatusChange error: RPC transport error.(0x80100013)' },
    ]);
    expect(port.snapshot()).toMatchObject({ serviceAvailable: false, readers: [] });

    // Attempts at 100, 200, 400, 800, 800 ms: reported once, not at every retry.
    vi.advanceTimersByTime(100 + 200 + 400 + 800);
    expect(events.filter((event) => event.type === 'service' && !event.available)).toHaveLength(2);
    refuse = false;
    vi.advanceTimersByTime(799);
    expect(contexts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(contexts).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'service', available: true, detail: 'pcscd connected' });
  });

  it('keeps backing off a context that dies right after opening', () => {
    vi.useFakeTimers();
    const opened: number[] = [];
    const { port } = portWith(() => {
      opened.push(Date.now());
      const context = new FakePcscContext();
      setTimeout(() => context.emit('error', new Error('lost')), 1);
      return context;
    });
    vi.advanceTimersByTime(5000);
    const gaps = opened.slice(1).map((at, i) => at - (opened[i] ?? 0));
    expect(gaps.slice(0, 5)).toEqual([101, 201, 401, 801, 801]);
    void port.close();
  });

  it('refuses a connection to a reader it does not know or that is empty', async () => {
    const context = new FakePcscContext();
    const { port } = portWith(() => context);
    context.attach('R').status(EMPTY, 0);
    expect(await port.connect('Nope', { exclusive: true })).toEqual({ ok: false, error: 'reader-unavailable' });
    expect(await port.connect('R', { exclusive: true })).toEqual({ ok: false, error: 'no-card' });
  });
});
