// The card reader simulator speaks XFS4IoT as a device service does, shown with literal JSON
// on a plain WebSocket: discovery, status, a card drawn in with its ATR, an APDU through the
// chip, the card to the exit and taken, the retain unit, and the refusals and faults; and,
// without a chip module, its chip on a PC/SC reader of its own while the card is on the contacts.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { SimulatedReader } from '../emulator/simulated-reader.ts';
import { SimulatedReaderContacts } from './chip-contacts.ts';
import { SimulatedDevice } from './simulated-device.ts';
import { SERVICE_PATH, startSimulatorServer, type SimulatorServer } from './simulator-server.ts';

const FAST = { drawInMs: 5, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 5, moveStorageMs: 5 };

const servers: SimulatorServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const server of servers.splice(0)) await server.close();
});

async function simulator(options: ConstructorParameters<typeof SimulatedDevice>[0] = {}): Promise<SimulatorServer> {
  const server = await startSimulatorServer(new SimulatedDevice({ timings: FAST, ...options }));
  servers.push(server);
  return server;
}

/** A client that sends literal text and reads what comes back, message by message. */
async function client(
  url: string,
): Promise<{ send: (text: string) => void; next: () => Promise<string>; until: (type: string, name: string) => Promise<string[]> }> {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const inbox: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else inbox.push(text);
  });
  await once(socket, 'open');
  const next = (): Promise<string> => {
    const text = inbox.shift();
    return text !== undefined ? Promise.resolve(text) : new Promise((resolve) => waiting.push(resolve));
  };
  return {
    send: (text) => socket.send(text),
    next,
    /** Every message up to and including the first of this type and name. */
    async until(type, name) {
      const seen: string[] = [];
      for (;;) {
        const text = await next();
        seen.push(text);
        const { header } = JSON.parse(text) as { header: { type: string; name: string } };
        if (header.type === type && header.name === name) return seen;
      }
    },
  };
}

const serviceUrl = (server: SimulatorServer): string => server.endpoint.replace('/xfs4iot/v1.0', SERVICE_PATH);

describe('discovery', () => {
  it('lists the CardReader service at the publisher, and the service describes a motorised reader', async () => {
    const server = await simulator();
    const publisher = await client(server.endpoint);
    publisher.send(
      '{"header":{"type":"command","name":"ServicePublisher.GetServices","requestId":1,"version":"2.0","timeout":5000},"payload":{}}',
    );
    expect(await publisher.next()).toBe(
      '{"header":{"name":"ServicePublisher.GetServices","requestId":1,"type":"acknowledge","version":"2.0"}}',
    );
    expect(JSON.parse(await publisher.next())).toEqual({
      header: { name: 'ServicePublisher.GetServices', requestId: 1, type: 'completion', version: '2.0', completionCode: 'success' },
      payload: { vendorName: 'Kiosk devkit', services: [{ serviceURI: serviceUrl(server) }] },
    });

    const service = await client(serviceUrl(server));
    service.send('{"header":{"type":"command","name":"Common.Capabilities","requestId":1,"version":"2.0","timeout":5000},"payload":null}');
    const [, completion] = await service.until('completion', 'Common.Capabilities');
    const capabilities = JSON.parse(completion ?? '') as {
      header: unknown;
      payload: { cardReader: unknown; interfaces: { name: string; commands: Record<string, unknown> }[] };
    };
    expect(capabilities.header).toMatchObject({ version: '3.0', completionCode: 'success' });
    expect(capabilities.payload.cardReader).toMatchObject({
      type: 'motor',
      chipProtocols: { chipT0: true, chipT1: true },
      positions: { exit: true, transport: true },
      cardTakenSensor: true,
    });
    expect(capabilities.payload.interfaces.find((entry) => entry.name === 'CardReader')?.commands).toMatchObject({
      ReadRawData: { versions: ['2.0'] },
      ChipIO: { versions: ['3.0'] },
      ChipPower: { versions: ['2.0'] },
      Move: { versions: ['2.0'] },
    });
  });
});

describe('a card through the service', () => {
  it('draws the card in, answers an APDU through the chip, presents it at the exit, and reports it taken', async () => {
    const server = await simulator();
    const service = await client(serviceUrl(server));
    service.send('{"header":{"type":"command","name":"Common.Status","requestId":1,"version":"2.0","timeout":5000},"payload":{}}');
    const [, status] = await service.until('completion', 'Common.Status');
    expect(JSON.parse(status ?? '')).toMatchObject({
      header: { version: '3.0', completionCode: 'success' },
      payload: { common: { device: 'online' }, cardReader: { media: 'notPresent', chipPower: 'noCard' } },
    });

    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":2,"version":"2.0","timeout":60000},"payload":{"chip":true,"track1":false,"track2":false,"track3":false}}',
    );
    expect(await service.next()).toBe('{"header":{"name":"CardReader.ReadRawData","requestId":2,"type":"acknowledge","version":"2.0"}}');
    expect(await service.next()).toBe(
      '{"header":{"name":"CardReader.InsertCardEvent","requestId":2,"type":"event","version":"2.0"},"payload":null}',
    );
    expect(server.device.insert(await createEmulatedCard('default'))).toBe(true);
    const read = await service.until('completion', 'CardReader.ReadRawData');
    expect(read[0]).toBe('{"header":{"name":"CardReader.MediaInsertedEvent","requestId":2,"type":"event","version":"2.0"},"payload":null}');
    expect(read).toContain(
      '{"header":{"name":"Common.StatusChangedEvent","type":"unsolicited","version":"3.0"},"payload":{"cardReader":{"media":"present"}}}',
    );
    expect(read.at(-1)).toBe(
      '{"header":{"name":"CardReader.ReadRawData","requestId":2,"type":"completion","version":"3.0","completionCode":"success"},"payload":{"chip":[{"data":"O+AA/4Ex/kUU"}]}}',
    );

    // SELECT the JPKI AP (T=1, as the ATR says): 90 00.
    service.send(
      '{"header":{"type":"command","name":"CardReader.ChipIO","requestId":3,"version":"3.0","timeout":10000},"payload":{"chipProtocol":"chipT1","chipData":"AKQEDArTkvAAJgEAAAAB"}}',
    );
    expect((await service.until('completion', 'CardReader.ChipIO')).at(-1)).toBe(
      '{"header":{"name":"CardReader.ChipIO","requestId":3,"type":"completion","version":"3.0","completionCode":"success"},"payload":{"chipProtocol":"chipT1","chipData":"kAA="}}',
    );

    // Held in the transport: the customer cannot take it.
    expect(server.device.take()).toBe(false);

    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":4,"version":"2.0","timeout":20000},"payload":{"from":"transport","to":"exit"}}',
    );
    const moved = await service.until('completion', 'CardReader.Move');
    expect(moved).toContain(
      '{"header":{"name":"Common.StatusChangedEvent","type":"unsolicited","version":"3.0"},"payload":{"cardReader":{"media":"entering"}}}',
    );
    expect(moved.at(-1)).toBe(
      '{"header":{"name":"CardReader.Move","requestId":4,"type":"completion","version":"2.0","completionCode":"success"},"payload":null}',
    );
    expect(server.device.take()).toBe(true);
    const taken = await service.until('unsolicited', 'CardReader.MediaRemovedEvent');
    expect(taken).toContain(
      '{"header":{"name":"Common.StatusChangedEvent","type":"unsolicited","version":"3.0"},"payload":{"cardReader":{"media":"notPresent"}}}',
    );
    expect(taken.at(-1)).toBe('{"header":{"name":"CardReader.MediaRemovedEvent","type":"unsolicited","version":"2.0"},"payload":null}');
  });

  it('retains a card from the exit into its unit and counts it; a full unit refuses the card and leaves it where it was', async () => {
    const server = await simulator({ capacity: 2, threshold: 1 });
    const service = await client(serviceUrl(server));
    for (const [requestId, full] of [
      [1, false],
      [4, false],
      [7, true],
    ] as const) {
      service.send(
        `{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":${String(requestId)},"version":"2.0","timeout":60000},"payload":{"chip":true}}`,
      );
      await service.until('event', 'CardReader.InsertCardEvent');
      server.device.insert(await createEmulatedCard('default'));
      await service.until('completion', 'CardReader.ReadRawData');
      service.send(
        `{"header":{"type":"command","name":"CardReader.Move","requestId":${String(requestId + 1)},"version":"2.0","timeout":20000},"payload":{"from":"transport","to":"exit"}}`,
      );
      await service.until('completion', 'CardReader.Move');
      service.send(
        `{"header":{"type":"command","name":"CardReader.Move","requestId":${String(requestId + 2)},"version":"2.0","timeout":20000},"payload":{"from":"exit","to":"unitBIN1"}}`,
      );
      const retained = await service.until('completion', 'CardReader.Move');
      if (!full) {
        expect(retained.at(-1)).toContain('"completionCode":"success"');
        continue;
      }
      expect(retained.at(-1)).toBe(
        '{"header":{"name":"CardReader.Move","requestId":9,"type":"completion","version":"2.0","completionCode":"commandErrorCode"},"payload":{"errorCode":"full"}}',
      );
      expect(server.device.media).toBe('entering');
    }
    expect(server.device.retainedCount).toBe(2);
    service.send('{"header":{"type":"command","name":"Storage.GetStorage","requestId":10,"version":"2.0","timeout":5000},"payload":{}}');
    const [, storage] = await service.until('completion', 'Storage.GetStorage');
    expect(JSON.parse(storage ?? '')).toMatchObject({
      header: { version: '2.1' },
      payload: {
        storage: {
          unitBIN1: { capacity: 2, card: { capabilities: { type: 'retain' }, status: { count: 2, replenishmentStatus: 'full' } } },
        },
      },
    });
  });

  it('reports the retain unit crossing its threshold and filling up', async () => {
    const server = await simulator({ capacity: 3, threshold: 2, retained: 1 });
    const service = await client(serviceUrl(server));
    service.send('{"header":{"type":"command","name":"Common.Status","requestId":1,"version":"2.0","timeout":5000}}');
    await service.until('completion', 'Common.Status');
    server.device.fillRetainUnit();
    expect(await service.until('unsolicited', 'Storage.StorageThresholdEvent')).toEqual([
      '{"header":{"name":"Storage.CountsChangedEvent","type":"unsolicited","version":"2.0"},"payload":{"unitBIN1":{"card":{"status":{"count":3}}}}}',
      '{"header":{"name":"Storage.StorageThresholdEvent","type":"unsolicited","version":"2.1"},"payload":{"unitBIN1":{"card":{"status":{"replenishmentStatus":"full"}}}}}',
    ]);
  });
});

describe('faults on demand', () => {
  it('jams the card on the next move: mediaJam, the device in a hardware error until staff free it', async () => {
    const server = await simulator();
    const service = await client(serviceUrl(server));
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{"chip":true}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    server.device.insert(await createEmulatedCard('default'));
    await service.until('completion', 'CardReader.ReadRawData');
    server.device.jamNextMove();
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":2,"version":"2.0","timeout":20000},"payload":{"from":"transport","to":"exit"}}',
    );
    const jammed = await service.until('completion', 'CardReader.Move');
    expect(jammed).toContain(
      '{"header":{"name":"Common.StatusChangedEvent","type":"unsolicited","version":"3.0"},"payload":{"cardReader":{"media":"jammed"}}}',
    );
    expect(jammed).toContain(
      '{"header":{"name":"Common.StatusChangedEvent","type":"unsolicited","version":"3.0"},"payload":{"common":{"device":"hardwareError"}}}',
    );
    expect(jammed).toContain(
      '{"header":{"name":"Common.ErrorEvent","type":"unsolicited","version":"2.0"},"payload":{"eventId":"hardware","action":"clear","vendorDescription":"card jammed"}}',
    );
    expect(jammed.at(-1)).toBe(
      '{"header":{"name":"CardReader.Move","requestId":2,"type":"completion","version":"2.0","completionCode":"commandErrorCode"},"payload":{"errorCode":"mediaJam"}}',
    );
    expect(server.device.take()).toBe(false);
    server.device.clearJam();
    expect(server.device.media).toBe('present');
    expect(server.device.device).toBe('online');
  });

  it('completes a chip command the card never answers with the device’s timeOut, and the next command still runs', async () => {
    const server = await simulator();
    const service = await client(serviceUrl(server));
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{"chip":true}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    server.device.insert(await createEmulatedCard('default', { silentAt: 'any' }));
    await service.until('completion', 'CardReader.ReadRawData');
    service.send(
      '{"header":{"type":"command","name":"CardReader.ChipIO","requestId":2,"version":"3.0","timeout":50},"payload":{"chipProtocol":"chipT1","chipData":"AKQEDArTkvAAJgEAAAAB"}}',
    );
    expect((await service.until('completion', 'CardReader.ChipIO')).at(-1)).toBe(
      '{"header":{"name":"CardReader.ChipIO","requestId":2,"type":"completion","version":"3.0","completionCode":"timeOut"},"payload":null}',
    );
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":3,"version":"2.0","timeout":20000},"payload":{"from":"transport","to":"exit"}}',
    );
    expect((await service.until('completion', 'CardReader.Move')).at(-1)).toContain('"completionCode":"success"');
  });

  it('cancels a read waiting for a card', async () => {
    const server = await simulator();
    const service = await client(serviceUrl(server));
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{"chip":true}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    service.send(
      '{"header":{"type":"command","name":"Common.Cancel","requestId":2,"version":"2.0","timeout":5000},"payload":{"requestIds":[1]}}',
    );
    const messages = await service.until('completion', 'CardReader.ReadRawData');
    expect(messages.at(-1)).toBe(
      '{"header":{"name":"CardReader.ReadRawData","requestId":1,"type":"completion","version":"3.0","completionCode":"canceled"},"payload":null}',
    );
    expect(server.device.accepting).toBe(false);
    expect(server.device.insert(await createEmulatedCard('default'))).toBe(false);
  });

  it('refuses a request id in use, an unsupported version and a payload outside the definition', async () => {
    const server = await simulator();
    const service = await client(serviceUrl(server));
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{"chip":true}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    service.send('{"header":{"type":"command","name":"Common.Status","requestId":1,"version":"2.0","timeout":5000},"payload":{}}');
    expect(await service.next()).toBe(
      '{"header":{"name":"Common.Status","requestId":1,"type":"acknowledge","version":"2.0","status":"invalidRequestID"}}',
    );
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":2,"version":"1.0","timeout":5000},"payload":{"from":"transport","to":"exit"}}',
    );
    expect((await service.until('completion', 'CardReader.Move')).at(-1)).toBe(
      '{"header":{"name":"CardReader.Move","requestId":2,"type":"completion","version":"1.0","completionCode":"unsupportedCommand","errorDescription":"CardReader.Move version 1.0 is not supported here"},"payload":null}',
    );
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":3,"version":"2.0","timeout":5000},"payload":{"from":"transport$","to":"exit"}}',
    );
    expect((await service.until('completion', 'CardReader.Move')).at(-1)).toContain('"completionCode":"invalidData"');
  });
});

describe('a device without a chip module, its contacts wired to a PC/SC reader', () => {
  async function chipless(): Promise<{ server: SimulatorServer; contacts: SimulatedReader }> {
    const contacts = new SimulatedReader('Contacts 0');
    return { server: await simulator({ contacts: new SimulatedReaderContacts(contacts) }), contacts };
  }

  it('describes itself as a motorised reader with no chip: no chip protocols, no chip power, no ChipIO or ChipPower', async () => {
    const { server } = await chipless();
    const service = await client(serviceUrl(server));
    service.send('{"header":{"type":"command","name":"Common.Capabilities","requestId":1,"version":"2.0","timeout":5000},"payload":null}');
    const capabilities = JSON.parse((await service.until('completion', 'Common.Capabilities')).at(-1) ?? '') as {
      payload: { cardReader: unknown; interfaces: { name: string; commands: Record<string, unknown> }[] };
    };
    expect(capabilities.payload.cardReader).toMatchObject({
      type: 'motor',
      chipProtocols: null,
      chipPower: null,
      positions: { exit: true },
    });
    expect(Object.keys(capabilities.payload.interfaces.find((entry) => entry.name === 'CardReader')?.commands ?? {})).toEqual([
      'ReadRawData',
      'Move',
    ]);
    service.send('{"header":{"type":"command","name":"Common.Status","requestId":2,"version":"2.0","timeout":5000},"payload":{}}');
    expect(JSON.parse((await service.until('completion', 'Common.Status')).at(-1) ?? '')).toMatchObject({
      payload: { cardReader: { media: 'notPresent', chipPower: null, chipModule: null } },
    });
  });

  it('refuses to read a chip it has not got; a read of nothing draws the card onto the contacts, where the PC/SC reader sees it', async () => {
    const { server, contacts } = await chipless();
    const service = await client(serviceUrl(server));
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{"chip":true}}',
    );
    expect((await service.until('completion', 'CardReader.ReadRawData')).at(-1)).toBe(
      '{"header":{"name":"CardReader.ReadRawData","requestId":1,"type":"completion","version":"3.0","completionCode":"invalidData","errorDescription":"chip is not supported"},"payload":null}',
    );
    expect(server.device.accepting).toBe(false);

    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":2,"version":"2.0","timeout":60000},"payload":{"chip":false,"track1":false,"track2":false,"track3":false}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    expect(server.device.insert(await createEmulatedCard('default'))).toBe(true);
    expect((await service.until('completion', 'CardReader.ReadRawData')).at(-1)).toBe(
      '{"header":{"name":"CardReader.ReadRawData","requestId":2,"type":"completion","version":"3.0","completionCode":"success"},"payload":{}}',
    );
    expect(contacts.card?.atr).toEqual(Uint8Array.from([0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14]));

    // The chip is not the service's to talk to.
    service.send(
      '{"header":{"type":"command","name":"CardReader.ChipIO","requestId":3,"version":"3.0","timeout":10000},"payload":{"chipProtocol":"chipT1","chipData":"AKQEDArTkvAAJgEAAAAB"}}',
    );
    expect((await service.until('completion', 'CardReader.ChipIO')).at(-1)).toBe(
      '{"header":{"name":"CardReader.ChipIO","requestId":3,"type":"completion","version":"3.0","completionCode":"unsupportedCommand"},"payload":null}',
    );
    service.send(
      '{"header":{"type":"command","name":"CardReader.ChipPower","requestId":4,"version":"2.0","timeout":10000},"payload":{"chipPower":"warm"}}',
    );
    expect((await service.until('completion', 'CardReader.ChipPower')).at(-1)).toBe(
      '{"header":{"name":"CardReader.ChipPower","requestId":4,"type":"completion","version":"3.0","completionCode":"unsupportedCommand"},"payload":null}',
    );
    expect(server.device.take()).toBe(false);
    expect(contacts.card).toBeDefined();
  });

  it('takes the card off the contacts when it moves to the exit or into the retain unit, and puts it back when it comes in again', async () => {
    const { server, contacts } = await chipless();
    const service = await client(serviceUrl(server));
    const move = async (requestId: number, from: string, to: string): Promise<string | undefined> => {
      service.send(
        `{"header":{"type":"command","name":"CardReader.Move","requestId":${String(requestId)},"version":"2.0","timeout":20000},"payload":{"from":"${from}","to":"${to}"}}`,
      );
      return (await service.until('completion', 'CardReader.Move')).at(-1);
    };
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    server.device.insert(await createEmulatedCard('default'));
    await service.until('completion', 'CardReader.ReadRawData');
    expect(contacts.card).toBeDefined();

    expect(await move(2, 'transport', 'exit')).toContain('"completionCode":"success"');
    expect(contacts.card).toBeUndefined();
    expect(await move(3, 'exit', 'transport')).toContain('"completionCode":"success"');
    expect(contacts.card).toBeDefined();
    expect(await move(4, 'transport', 'unitBIN1')).toContain('"completionCode":"success"');
    expect(contacts.card).toBeUndefined();
    expect(server.device.retainedCount).toBe(1);
  });

  it('loses the chip from the contacts on demand while the card stays in the transport, and a jam takes it off them', async () => {
    const { server, contacts } = await chipless();
    const service = await client(serviceUrl(server));
    service.send(
      '{"header":{"type":"command","name":"CardReader.ReadRawData","requestId":1,"version":"2.0","timeout":60000},"payload":{}}',
    );
    await service.until('event', 'CardReader.InsertCardEvent');
    server.device.insert(await createEmulatedCard('default'));
    await service.until('completion', 'CardReader.ReadRawData');
    await server.device.loseChip();
    expect(contacts.card).toBeUndefined();
    expect(server.device.media).toBe('present');
    expect(server.device.take()).toBe(false);

    server.device.clearJam(); // nothing jammed: nothing changes
    expect(contacts.card).toBeUndefined();
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":2,"version":"2.0","timeout":20000},"payload":{"from":"transport","to":"exit"}}',
    );
    await service.until('completion', 'CardReader.Move');
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":3,"version":"2.0","timeout":20000},"payload":{"from":"exit","to":"transport"}}',
    );
    await service.until('completion', 'CardReader.Move');
    expect(contacts.card).toBeDefined();
    server.device.jamNextMove();
    service.send(
      '{"header":{"type":"command","name":"CardReader.Move","requestId":4,"version":"2.0","timeout":20000},"payload":{"from":"transport","to":"exit"}}',
    );
    expect((await service.until('completion', 'CardReader.Move')).at(-1)).toContain('"errorCode":"mediaJam"');
    expect(contacts.card).toBeUndefined();
    server.device.clearJam();
    expect(contacts.card).toBeDefined();
  });
});
