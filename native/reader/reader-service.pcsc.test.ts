// The card service as a real child process over pcscd: it reports readers and cards, and a
// killed service is reported, restarted and back with the card, while pcscd killed and
// restarted under it is reported meanwhile and recovered from.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';
import { EventLog } from '../../test/support/pcsc-port.ts';
import { canRestartPcscd, startPcscd, stopPcscd } from '../../test/support/pcscd-control.ts';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { VpcdLink } from '../emulator/vpcd-link.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import { forkReaderService, ReaderServiceClient, type ServiceProcess } from './reader-service-client.ts';

const READER = 'Virtual PCD 00 01';
const cardIn = (event: { type: string; reader?: string }): boolean => event.type === 'card-inserted' && event.reader === READER;

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
