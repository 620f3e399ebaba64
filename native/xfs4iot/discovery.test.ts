// Discovery with literal JSON: the service publisher's list, each service's capabilities, and
// the choice of the motorised card reader that speaks the kiosk's commands — never a service
// that would weaken the link (ws: elsewhere than this machine, or ws: named by a wss: publisher).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { acceptableServiceUri, discoverCardReader } from './discovery.ts';
import type { TextSocket } from './websocket-client.ts';

/** A service that answers each command with the literal completion given for its name. */
class ScriptedService extends EventEmitter<{ message: [text: string]; close: [reason: string] }> implements TextSocket {
  open = true;
  readonly #answers: Record<string, string>;

  constructor(answers: Record<string, string>) {
    super();
    this.#answers = answers;
  }

  send(text: string): void {
    const { header } = JSON.parse(text) as { header: { name: string; requestId: number } };
    const answer = this.#answers[header.name];
    if (answer) queueMicrotask(() => this.emit('message', answer.replace('"requestId":1', `"requestId":${String(header.requestId)}`)));
  }

  close(): void {
    this.open = false;
    this.emit('close', 'closed');
  }
}

const capabilities = (
  type: string,
  commands = '"ReadRawData":{"versions":["2.0"]},"ChipIO":{"versions":["3.0"]},"ChipPower":{"versions":["2.0"]},"Move":{"versions":["2.0"]}',
) =>
  `{"header":{"type":"completion","name":"Common.Capabilities","requestId":1,"version":"3.0","completionCode":"success"},"payload":{"interfaces":[{"name":"Common","commands":{"Status":{"versions":["2.0"]}}},{"name":"CardReader","commands":{${commands}}}],"cardReader":{"type":"${type}","positions":{"exit":true,"transport":true},"cardTakenSensor":true}}}`;

describe('finding the card reader', () => {
  it('asks the publisher for its services and takes the motorised reader that speaks the kiosk’s commands', async () => {
    const opened: string[] = [];
    const services: Record<string, Record<string, string>> = {
      'ws://127.0.0.1:5846/xfs4iot/v1.0': {
        'ServicePublisher.GetServices':
          '{"header":{"type":"completion","name":"ServicePublisher.GetServices","requestId":1,"version":"2.0","completionCode":"success"},"payload":{"vendorName":"ATM vendor","services":[{"serviceURI":"ws://atm.branch.example:5846/xfs4iot/v1.0/CardReader0"},{"serviceURI":"ws://127.0.0.1:5846/xfs4iot/v1.0/PinPad"},{"serviceURI":"ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader1"},{"serviceURI":"ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader2"},{"serviceURI":"ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader3"}]}}',
      },
      'ws://127.0.0.1:5846/xfs4iot/v1.0/PinPad': {
        'Common.Capabilities':
          '{"header":{"type":"completion","name":"Common.Capabilities","requestId":1,"version":"3.0","completionCode":"success"},"payload":{"interfaces":[{"name":"Common"},{"name":"Keyboard"}]}}',
      },
      // A dip reader cannot hold the card.
      'ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader1': { 'Common.Capabilities': capabilities('dip') },
      // A motor reader of a release whose ChipIO the kiosk does not speak.
      'ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader2': {
        'Common.Capabilities': capabilities(
          'motor',
          '"ReadRawData":{"versions":["2.0"]},"ChipIO":{"versions":["2.0"]},"ChipPower":{"versions":["2.0"]},"Move":{"versions":["2.0"]}',
        ),
      },
      'ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader3': { 'Common.Capabilities': capabilities('motor') },
    };
    const found = await discoverCardReader(
      'ws://127.0.0.1:5846/xfs4iot/v1.0',
      (url) => {
        opened.push(url);
        const answers = services[url];
        return Promise.resolve(answers ? { ok: true, value: new ScriptedService(answers) } : { ok: false, error: 'refused' });
      },
      { timeoutMs: 1000, graceMs: 100 },
    );
    if (!found.ok) throw new Error(found.error);
    expect(found.value.serviceUri).toBe('ws://127.0.0.1:5846/xfs4iot/v1.0/CardReader3');
    expect(found.value.capabilities.cardReader).toEqual({
      type: 'motor',
      positions: { exit: true, transport: true },
      cardTakenSensor: true,
    });
    // The reader on another host over plain ws: was never opened.
    expect(opened).not.toContain('ws://atm.branch.example:5846/xfs4iot/v1.0/CardReader0');
  });

  it('says so when the publisher lists no motorised reader', async () => {
    const found = await discoverCardReader(
      'ws://127.0.0.1:5846/xfs4iot/v1.0',
      () =>
        Promise.resolve({
          ok: true,
          value: new ScriptedService({
            'ServicePublisher.GetServices':
              '{"header":{"type":"completion","name":"ServicePublisher.GetServices","requestId":1,"version":"2.0","completionCode":"success"},"payload":{"vendorName":"x","services":null}}',
          }),
        }),
      { timeoutMs: 1000, graceMs: 100 },
    );
    expect(found).toEqual({ ok: false, error: 'no motorised card reader among 0 services' });
  });

  it('keeps the publisher’s scheme, and plain ws: on this machine only', () => {
    const tls = new URL('wss://terminal.branch.example:5848/xfs4iot/v1.0');
    const local = new URL('ws://127.0.0.1:5846/xfs4iot/v1.0');
    expect(acceptableServiceUri(tls, 'wss://terminal.branch.example:5848/xfs4iot/v1.0/CardReader1')).toBe(true);
    expect(acceptableServiceUri(tls, 'ws://terminal.branch.example:5846/xfs4iot/v1.0/CardReader1')).toBe(false);
    expect(acceptableServiceUri(local, 'ws://localhost:5846/xfs4iot/v1.0/CardReader1')).toBe(true);
    expect(acceptableServiceUri(local, 'ws://192.168.21.43:5848/xfs4iot/v1.0/CardReader1')).toBe(false);
    expect(acceptableServiceUri(local, 'not a url')).toBe(false);
  });
});
