// The XFS4IoT card reader simulator's endpoints on one loopback port, as a terminal's
// services are published: the service publisher at /xfs4iot/v1.0 and the CardReader service
// at /xfs4iot/v1.0/CardReader1 (WebSocket, one JSON message per text frame). Every command is
// checked against the message definitions: acknowledged (or refused by the acknowledge),
// given its events, and completed — with `timeOut` when its header timeout passes first and
// `canceled` after Common.Cancel. CardReader commands run one at a time, as the device can do
// only one thing at once; Common and Storage queries answer at once.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  COMMANDS,
  EnvelopeSchema,
  EVENTS,
  isCommandName,
  majorOf,
  MAX_MESSAGE_BYTES,
  type CommandName,
  type Header,
} from '../../xfs4iot/messages.ts';
import { SimulatedDevice, type Completion } from './simulated-device.ts';

export const PUBLISHER_PATH = '/xfs4iot/v1.0';
export const SERVICE_PATH = '/xfs4iot/v1.0/CardReader1';

/** Commands only a device with a chip module speaks. */
const CHIP_COMMANDS: ReadonlySet<string> = new Set(['CardReader.ChipIO', 'CardReader.ChipPower']);

/** What the service's capabilities list: each command and event in the version it speaks. */
function interfaces(chipModule: boolean): unknown[] {
  const byInterface = new Map<string, { commands: Record<string, unknown>; events: Record<string, unknown> }>();
  const entry = (prefix: string) => {
    let found = byInterface.get(prefix);
    if (!found) {
      found = { commands: {}, events: {} };
      byInterface.set(prefix, found);
    }
    return found;
  };
  for (const [name, definition] of Object.entries(COMMANDS)) {
    const [prefix, command] = name.split('.') as [string, string];
    if (prefix === 'ServicePublisher' || (!chipModule && CHIP_COMMANDS.has(name))) continue;
    entry(prefix).commands[command] = { versions: [definition.version] };
  }
  for (const [name, definition] of Object.entries(EVENTS)) {
    const [prefix, event] = name.split('.') as [string, string];
    entry(prefix).events[event] = { versions: [definition.version] };
  }
  return [...byInterface].map(([name, lists]) => ({ name, ...lists, maximumRequests: 0 }));
}

/** Common.Capabilities of the simulated device; without a chip module, no chip protocols and no chip power. */
const capabilities = (chipModule: boolean): unknown => ({
  interfaces: interfaces(chipModule),
  common: {
    serviceVersion: 'kiosk-simulator 1.0',
    deviceInformation: [{ modelName: 'Simulated motorised card reader', serialNumber: 'SIM-0001', revisionNumber: '1' }],
    powerSaveControl: false,
  },
  cardReader: {
    type: 'motor',
    readTracks: { track1: true, track2: true, track3: true },
    writeTracks: {},
    chipProtocols: chipModule ? { chipT0: true, chipT1: true } : null,
    securityType: null,
    powerOnOption: 'transport',
    powerOffOption: 'transport',
    fluxSensorProgrammable: false,
    readWriteAccessFromExit: false,
    chipPower: chipModule ? { cold: true, warm: true, off: true } : null,
    positions: { exit: true, transport: true },
    cardTakenSensor: true,
  },
});

interface Running {
  readonly controller: AbortController;
  readonly name: CommandName;
}

/** One client's connection to the CardReader service. */
class ServiceSession {
  readonly #socket: WebSocket;
  readonly #device: SimulatedDevice;
  readonly #running = new Map<number, Running>();
  readonly #queue: { chain: Promise<unknown> };
  readonly #publisher: boolean;
  readonly #serviceUri: string;

  constructor(socket: WebSocket, device: SimulatedDevice, queue: { chain: Promise<unknown> }, publisher: boolean, serviceUri: string) {
    this.#socket = socket;
    this.#device = device;
    this.#queue = queue;
    this.#publisher = publisher;
    this.#serviceUri = serviceUri;
    socket.on('message', (data: Buffer, binary: boolean) => this.#receive(binary ? undefined : data.toString('utf8')));
    // A client that goes away has its commands cancelled (as KAL's server does).
    socket.on('close', () => {
      for (const running of this.#running.values()) running.controller.abort(new Error('canceled'));
    });
  }

  send(header: Partial<Header> & Pick<Header, 'name' | 'type' | 'version'>, payload?: unknown): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(JSON.stringify(payload === undefined ? { header } : { header, payload }));
  }

  #receive(text: string | undefined): void {
    let raw: unknown;
    try {
      raw = text === undefined ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const envelope = EnvelopeSchema.safeParse(raw);
    const requestId = envelope.success ? envelope.data.header.requestId : undefined;
    if (!envelope.success || envelope.data.header.type !== 'command' || !requestId) {
      // Nothing to answer to without a request id; with one, the acknowledge refuses it.
      const header = (raw as { header?: { name?: unknown; requestId?: unknown; version?: unknown } } | undefined)?.header;
      if (typeof header?.requestId === 'number' && typeof header.name === 'string') {
        this.send({ name: header.name, requestId: header.requestId, type: 'acknowledge', version: '2.0', status: 'invalidMessage' });
      }
      return;
    }
    const { header, payload } = envelope.data;
    if (this.#running.has(requestId)) {
      this.send({ name: header.name, requestId, type: 'acknowledge', version: header.version, status: 'invalidRequestID' });
      return;
    }
    this.send({ name: header.name, requestId, type: 'acknowledge', version: header.version });
    void this.#run(header.name, requestId, header.version, header.timeout ?? 0, payload);
  }

  async #run(name: string, requestId: number, version: string, timeoutMs: number, payload: unknown): Promise<void> {
    const complete = (completion: Completion, completionVersion: string): void =>
      this.send(
        {
          name,
          requestId,
          type: 'completion',
          version: completionVersion,
          completionCode: completion.completionCode,
          ...(completion.errorDescription ? { errorDescription: completion.errorDescription } : {}),
        },
        completion.payload ?? null,
      );
    if (
      !isCommandName(name) ||
      majorOf(version) !== majorOf(COMMANDS[name].version) ||
      this.#publisher !== (name === 'ServicePublisher.GetServices')
    ) {
      complete({ completionCode: 'unsupportedCommand', errorDescription: `${name} version ${version} is not supported here` }, version);
      return;
    }
    const definition = COMMANDS[name];
    const parsed = definition.payload.safeParse(payload);
    if (!parsed.success) {
      complete(
        { completionCode: 'invalidData', errorDescription: parsed.error.issues[0]?.message ?? 'invalid payload' },
        definition.completion,
      );
      return;
    }
    const values = parsed.data as Record<string, unknown>;
    const immediate = this.#answerAtOnce(name, values);
    if (immediate) {
      if (!this.#device.hung) complete(immediate, definition.completion);
      return;
    }
    const controller = new AbortController();
    this.#running.set(requestId, { controller, name });
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(new Error('timeOut')), timeoutMs) : undefined;
    const work = this.#queue.chain.then(() =>
      controller.signal.aborted
        ? Promise.reject(controller.signal.reason as Error)
        : this.#device.execute(name, values, {
            signal: controller.signal,
            event: (eventName, eventPayload) => this.#event(eventName, requestId, eventPayload),
          }),
    );
    // The next command waits for this one to end, however it ends.
    this.#queue.chain = work.catch(() => undefined);
    let completion: Completion;
    try {
      completion = await work;
    } catch {
      completion = { completionCode: (controller.signal.reason as Error | undefined)?.message === 'timeOut' ? 'timeOut' : 'canceled' };
    } finally {
      clearTimeout(timer);
      this.#running.delete(requestId);
    }
    // A hung device completes nothing, not even by its timer.
    if (!this.#device.hung) complete(completion, definition.completion);
  }

  /** Common and Storage queries, GetServices and Cancel: not queued behind the device's work. */
  #answerAtOnce(name: CommandName, payload: Record<string, unknown>): Completion | undefined {
    switch (name) {
      case 'ServicePublisher.GetServices':
        return { completionCode: 'success', payload: { vendorName: 'Kiosk devkit', services: [{ serviceURI: this.#serviceUri }] } };
      case 'Common.Status':
        return { completionCode: 'success', payload: this.#device.status() };
      case 'Common.Capabilities':
        return { completionCode: 'success', payload: capabilities(this.#device.chipModule) };
      case 'Storage.GetStorage':
        return { completionCode: 'success', payload: this.#device.storage() };
      case 'Common.Cancel': {
        const ids = Array.isArray(payload.requestIds) ? (payload.requestIds as number[]) : [...this.#running.keys()];
        const matching = ids.filter((id) => this.#running.has(id));
        for (const id of matching) this.#running.get(id)?.controller.abort(new Error('canceled'));
        return matching.length > 0 || ids.length === 0
          ? { completionCode: 'success', payload: {} }
          : { completionCode: 'commandErrorCode', payload: { errorCode: 'noMatchingRequestIDs' } };
      }
      default:
        return undefined;
    }
  }

  #event(name: string, requestId: number, payload: unknown): void {
    const version = (EVENTS as Record<string, { version: string } | undefined>)[name]?.version ?? '2.0';
    this.send({ name, requestId, type: 'event', version }, payload ?? null);
  }

  unsolicited(name: string, payload: unknown): void {
    // The publisher's connections are for discovery only.
    if (this.#publisher) return;
    const version = (EVENTS as Record<string, { version: string } | undefined>)[name]?.version ?? '2.0';
    this.send({ name, type: 'unsolicited', version }, payload ?? null);
  }
}

export interface SimulatorServer {
  /** The service publisher's endpoint, for the kiosk's configuration. */
  readonly endpoint: string;
  readonly device: SimulatedDevice;
  /** Drops every connection and refuses new ones (the device's host is gone), or serves again. */
  setReachable(reachable: boolean): void;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 (port 0: any free port). */
export async function startSimulatorServer(device: SimulatedDevice = new SimulatedDevice(), port = 0): Promise<SimulatorServer> {
  let reachable = true;
  const http: Server = createServer((_, response) => response.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sessions = new Set<ServiceSession>();
  const queue = { chain: Promise.resolve() as Promise<unknown> };
  http.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
    if (!reachable || (path !== PUBLISHER_PATH && path !== SERVICE_PATH)) {
      socket.end(`HTTP/1.1 ${reachable ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const session = new ServiceSession(ws, device, queue, path === PUBLISHER_PATH, `${origin}${SERVICE_PATH}`);
      sessions.add(session);
      ws.on('close', () => sessions.delete(session));
    });
  });
  device.on('unsolicited', (name, payload) => {
    for (const session of sessions) session.unsolicited(name, payload);
  });
  http.listen(port, '127.0.0.1');
  await once(http, 'listening');
  const origin = `ws://127.0.0.1:${String((http.address() as AddressInfo).port)}`;
  return {
    endpoint: `${origin}${PUBLISHER_PATH}`,
    device,
    setReachable(value: boolean) {
      reachable = value;
      if (!value) for (const client of wss.clients) client.terminate();
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await device.close();
    },
  };
}
