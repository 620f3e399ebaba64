// The card service as a real child process over pcscd: it reports readers and cards, a card
// that stops answering as unresponsive (not removed, no restart), and a killed service is
// reported, restarted and back with the card, while pcscd killed and restarted under it is
// reported meanwhile and recovered from.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';
import { EventLog } from '../../test/support/pcsc-port.ts';
import { canRestartPcscd, startPcscd, stopPcscd } from '../../test/support/pcscd-control.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { VpcdLink } from '../devkit/emulator/vpcd-link.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import { CARD_DEADLINES } from './command-deadline.ts';
import { forkReaderService, ReaderServiceClient, type ServiceProcess } from './reader-service-client.ts';

const READER = 'Virtual PCD 00 01';
const cardIn = (event: { type: string; reader?: string }): boolean => event.type === 'card-inserted' && event.reader === READER;
const cardOut = (event: { type: string; reader?: string }): boolean => event.type === 'card-removed' && event.reader === READER;

describeWhenAvailable('the card service process over pcscd', await probePcscWithVpcd(), () => {
  let client: ReaderServiceClient;
  let log: EventLog;
  let link: VpcdLink;
  const children: ServiceProcess[] = [];

  beforeAll(async () => {
    client = new ReaderServiceClient({
      spawn: () => {
        const child = forkReaderService();
        children.push(child);
        return child;
      },
      heartbeat: { intervalMs: 500, timeoutMs: 3000 },
      backoff: { initialMs: 200, maxMs: 1000 },
    });
    log = new EventLog(client);
    client.start();
    link = new VpcdLink({ card: await createEmulatedCard('default'), port: 35964 });
    await link.start();
    await log.waitFor(cardIn, 15_000);
  });

  afterAll(async () => {
    await link.stop();
    await client.close();
  });

  it('serves the card across the process boundary', async () => {
    const connection = await client.connect(READER, { exclusive: true });
    if (!connection.ok) throw new Error(connection.error);
    try {
      expect(await new JpkiSession(connection.value).pinTriesLeft()).toEqual({ ok: true, value: 3 });
    } finally {
      await connection.value.disconnect('reset');
    }
  });

  it('reports a card that stops answering as unresponsive, not removed and with no restart, and serves the reader again once it is out', async () => {
    /** A new card into the empty reader: pcscd must have seen it empty, or it sees no change. */
    const insert = async (silentAt?: 'read'): Promise<void> => {
      const from = log.events.length;
      link = new VpcdLink({ card: await createEmulatedCard('default', silentAt ? { silentAt } : {}), port: 35964 });
      await link.start();
      await log.waitFor(cardIn, 15_000, from);
    };
    const emptied = log.events.length;
    await link.stop();
    await log.waitFor(cardOut, 15_000, emptied);
    await insert('read');
    const restarts = client.restarts;
    const connection = await client.connect(READER, { exclusive: true });
    if (!connection.ok) throw new Error(connection.error);
    const quiet = log.events.length;

    // Through vpcd the card never answers the read: SCardTransmit blocks in pcscd.
    const started = Date.now();
    expect(await new JpkiSession(connection.value).readAuthCertificate()).toEqual({ ok: false, error: { kind: 'card-unresponsive' } });
    expect(Date.now() - started).toBeLessThan(CARD_DEADLINES.commandMs + 3000);
    const disconnecting = Date.now();
    await connection.value.disconnect('reset'); // queued behind the hung command: not waited for
    expect(Date.now() - disconnecting).toBeLessThan(CARD_DEADLINES.disconnectMs + 1000);
    // The service answered its heartbeat all along: nothing about the card or the service was reported.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(client.restarts).toBe(restarts);
    expect(log.events.slice(quiet)).toEqual([]);
    expect(client.snapshot().readers.find((reader) => reader.name === READER)?.card).toBe('present');

    // Taken out, it is a removal like any other (not an outage) and the reader serves the next card.
    const out = log.events.length;
    await link.stop();
    expect(await log.waitFor(cardOut, 15_000, out)).toEqual({ type: 'card-removed', reader: READER });
    await insert();
    // The hung command failed when the card left, and the disconnect queued behind it ran: the
    // next customer's card is not refused as in use.
    const next = await client.connect(READER, { exclusive: true });
    if (!next.ok) throw new Error(next.error);
    try {
      expect(await new JpkiSession(next.value).pinTriesLeft()).toEqual({ ok: true, value: 3 });
    } finally {
      await next.value.disconnect('reset');
    }
    expect(client.restarts).toBe(restarts);
  }, 60_000);

  it('reports a killed service, restarts it and sees the card again', async () => {
    const from = log.events.length;
    children.at(-1)?.kill();
    await log.waitFor((event) => event.type === 'service' && !event.available, 5000, from);
    expect(client.snapshot().readers).toEqual([]);
    await log.waitFor(cardIn, 15_000, from);
    expect(client.restarts).toBeGreaterThanOrEqual(1);
  });

  describeWhenAvailable('when pcscd itself restarts', canRestartPcscd(), () => {
    it('reports the service down and the reader gone meanwhile, then recovers with the card', async () => {
      const from = log.events.length;
      await stopPcscd();
      await log.waitFor((event) => event.type === 'service' && !event.available, 8000, from);
      await log.waitFor((event) => event.type === 'reader-detached' && event.reader === READER, 8000, from);
      expect(client.snapshot().serviceAvailable).toBe(false);
      const down = log.events.length;
      await startPcscd();
      await log.waitFor((event) => event.type === 'service' && event.available, 15_000, down);
      await log.waitFor(cardIn, 15_000, down);
      const connection = await client.connect(READER, { exclusive: true });
      if (!connection.ok) throw new Error(connection.error);
      expect(await new JpkiSession(connection.value).pinTriesLeft()).toEqual({ ok: true, value: 3 });
      await connection.value.disconnect('reset');
    });
  });
});
