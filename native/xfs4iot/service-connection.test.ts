// The XFS4IoT message layer with literal JSON, as a card reader service sends it: what the
// kiosk puts on the wire for a command, and what it makes of acknowledges, events, completions
// and unsolicited events — and of messages that do not fit the definitions.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServiceConnection, type ServiceEvent } from './service-connection.ts';
import type { TextSocket } from './websocket-client.ts';

class WireSocket extends EventEmitter<{ message: [text: string]; close: [reason: string] }> implements TextSocket {
  readonly sent: string[] = [];
  open = true;
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.open = false;
    this.emit('close', 'closed');
  }
  /** The service sends this text. */
  receive(text: string): void {
    this.emit('message', text);
  }
}

const connected = (): { socket: WireSocket; connection: ServiceConnection } => {
  const socket = new WireSocket();
  return { socket, connection: new ServiceConnection(socket, { graceMs: 1000 }) };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('a command on the wire', () => {
  it('goes out as the definition has it: type, name, request id, version and timeout in the header', async () => {
    const { socket, connection } = connected();
    const chipIo = connection.command(
      'CardReader.ChipIO',
      { chipProtocol: 'chipT1', chipData: 'AKQEDArTkvAAJgEAAAAB' },
      { timeoutMs: 10000 },
    );
    expect(socket.sent).toEqual([
      '{"header":{"type":"command","name":"CardReader.ChipIO","requestId":1,"version":"3.0","timeout":10000},"payload":{"chipProtocol":"chipT1","chipData":"AKQEDArTkvAAJgEAAAAB"}}',
    ]);
    socket.receive('{"header":{"type":"acknowledge","name":"CardReader.ChipIO","requestId":1,"version":"3.0"}}');
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.ChipIO","requestId":1,"version":"3.0","completionCode":"success"},"payload":{"chipProtocol":"chipT1","chipData":"kAA="}}',
    );
    expect(await chipIo).toEqual({ ok: true, value: { chipProtocol: 'chipT1', chipData: 'kAA=' } });
  });

  it('numbers requests 1, 2, 3… on the connection', () => {
    const { socket, connection } = connected();
    void connection.command('Common.Status', {}, { timeoutMs: 5000 });
    void connection.command('Storage.GetStorage', {}, { timeoutMs: 5000 });
    expect(socket.sent.map((text) => (JSON.parse(text) as { header: { requestId: number; name: string } }).header)).toMatchObject([
      { requestId: 1, name: 'Common.Status', version: '2.0' },
      { requestId: 2, name: 'Storage.GetStorage', version: '2.0' },
    ]);
  });
});

describe('what comes back', () => {
  it('passes the events of a command to it, and the completion ends it', async () => {
    const { socket, connection } = connected();
    const events: ServiceEvent[] = [];
    const read = connection.command('CardReader.ReadRawData', { chip: true }, { timeoutMs: 60000, onEvent: (event) => events.push(event) });
    socket.receive('{"header":{"type":"acknowledge","name":"CardReader.ReadRawData","requestId":1,"version":"2.0"}}');
    socket.receive('{"header":{"type":"event","name":"CardReader.InsertCardEvent","requestId":1,"version":"2.0"}}');
    socket.receive('{"header":{"type":"event","name":"CardReader.MediaInsertedEvent","requestId":1,"version":"2.0"},"payload":null}');
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.ReadRawData","requestId":1,"version":"3.0","completionCode":"success"},"payload":{"chip":[{"data":"O+AA/4Ex/kUU"}]}}',
    );
    expect(await read).toEqual({ ok: true, value: { chip: [{ data: 'O+AA/4Ex/kUU' }] } });
    expect(events.map((event) => event.name)).toEqual(['CardReader.InsertCardEvent', 'CardReader.MediaInsertedEvent']);
  });

  it('takes an empty payload as null, {} or absent', async () => {
    const { socket, connection } = connected();
    const moves = [1, 2, 3].map(() => connection.command('CardReader.Move', { from: 'transport', to: 'exit' }, { timeoutMs: 20000 }));
    socket.receive('{"header":{"type":"completion","name":"CardReader.Move","requestId":1,"version":"2.0","completionCode":"success"}}');
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.Move","requestId":2,"version":"2.0","completionCode":"success"},"payload":null}',
    );
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.Move","requestId":3,"version":"2.0","completionCode":"success"},"payload":{}}',
    );
    for (const move of moves) expect(await move).toEqual({ ok: true, value: {} });
  });

  it('reports a command error with the error code of its payload', async () => {
    const { socket, connection } = connected();
    const retain = connection.command('CardReader.Move', { from: 'exit', to: 'unitBIN1' }, { timeoutMs: 20000 });
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.Move","requestId":1,"version":"2.0","completionCode":"commandErrorCode","errorDescription":"bin full"},"payload":{"errorCode":"full"}}',
    );
    expect(await retain).toEqual({ ok: false, error: { kind: 'completion', code: 'commandErrorCode', errorCode: 'full' } });
  });

  it('reports the device’s timeout and a cancel as their completion codes', async () => {
    const { socket, connection } = connected();
    const read = connection.command('CardReader.ReadRawData', { chip: true }, { timeoutMs: 60000 });
    const chipIo = connection.command('CardReader.ChipIO', { chipProtocol: 'chipT1', chipData: 'ACoAAA==' }, { timeoutMs: 10000 });
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.ReadRawData","requestId":1,"version":"3.0","completionCode":"canceled"}}',
    );
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.ChipIO","requestId":2,"version":"3.0","completionCode":"timeOut"},"payload":{}}',
    );
    expect(await read).toEqual({ ok: false, error: { kind: 'completion', code: 'canceled', errorCode: undefined } });
    expect(await chipIo).toEqual({ ok: false, error: { kind: 'completion', code: 'timeOut', errorCode: undefined } });
  });

  it('ends a command whose acknowledge refuses it: nothing else follows', async () => {
    const { socket, connection } = connected();
    const status = connection.command('Common.Status', {}, { timeoutMs: 5000 });
    socket.receive('{"header":{"type":"acknowledge","name":"Common.Status","requestId":1,"version":"2.0","status":"tooManyRequests"}}');
    expect(await status).toEqual({ ok: false, error: { kind: 'refused', status: 'tooManyRequests' } });
  });

  it('refuses a completion that does not fit the definition, and says which', async () => {
    const { socket, connection } = connected();
    const invalid: string[] = [];
    connection.on('invalid', (name) => invalid.push(name));
    const read = connection.command('CardReader.ReadRawData', { chip: true }, { timeoutMs: 60000 });
    // The chip data is an array of ATRs, one per chip; an object is not the definition.
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.ReadRawData","requestId":1,"version":"3.0","completionCode":"success"},"payload":{"chip":{"data":"O+AA/4Ex/kUU"}}}',
    );
    expect(await read).toEqual({ ok: false, error: { kind: 'invalid-message' } });
    const chipIo = connection.command('CardReader.ChipIO', { chipProtocol: 'chipT1', chipData: 'ACoAAA==' }, { timeoutMs: 10000 });
    // Not Base64.
    socket.receive(
      '{"header":{"type":"completion","name":"CardReader.ChipIO","requestId":2,"version":"3.0","completionCode":"success"},"payload":{"chipData":"90 00"}}',
    );
    expect(await chipIo).toEqual({ ok: false, error: { kind: 'invalid-message' } });
    expect(invalid).toEqual(['CardReader.ReadRawData', 'CardReader.ChipIO']);
  });

  it('ignores what is not JSON, not the envelope, or answers a request it did not make', async () => {
    const { socket, connection } = connected();
    const invalid: string[] = [];
    connection.on('invalid', (name) => invalid.push(name));
    const status = connection.command('Common.Status', {}, { timeoutMs: 5000 });
    socket.receive('not json');
    socket.receive('{"header":{"type":"completion","name":"Common.Status","requestId":1,"version":"3.0","completionCode":"done"}}');
    socket.receive(
      '{"header":{"type":"completion","name":"Common.Status","requestId":7,"version":"3.0","completionCode":"success"},"payload":{}}',
    );
    // The right request id with another command's name is not this command's completion.
    socket.receive('{"header":{"type":"completion","name":"CardReader.Move","requestId":1,"version":"2.0","completionCode":"success"}}');
    socket.receive(
      '{"header":{"type":"completion","name":"Common.Status","requestId":1,"version":"3.0","completionCode":"success"},"payload":{"common":{"device":"online"},"cardReader":{"media":"notPresent","chipPower":"noCard"}}}',
    );
    expect(await status).toEqual({
      ok: true,
      value: { common: { device: 'online' }, cardReader: { media: 'notPresent', chipPower: 'noCard' } },
    });
    expect(invalid).toEqual(['unreadable', 'unreadable', 'Common.Status', 'CardReader.Move']);
  });

  it('passes on unsolicited events that fit their definition', () => {
    const { socket, connection } = connected();
    const events: ServiceEvent[] = [];
    connection.on('unsolicited', (event) => events.push(event));
    socket.receive('{"header":{"type":"unsolicited","name":"CardReader.MediaRemovedEvent","version":"2.0"}}');
    socket.receive(
      '{"header":{"type":"unsolicited","name":"Common.StatusChangedEvent","version":"3.0"},"payload":{"cardReader":{"media":"jammed"}}}',
    );
    socket.receive(
      '{"header":{"type":"unsolicited","name":"Storage.StorageThresholdEvent","version":"2.1"},"payload":{"unitBIN1":{"card":{"status":{"replenishmentStatus":"high"}}}}}',
    );
    // Not a media state of the definition.
    socket.receive(
      '{"header":{"type":"unsolicited","name":"Common.StatusChangedEvent","version":"3.0"},"payload":{"cardReader":{"media":"eaten"}}}',
    );
    expect(events).toEqual([
      { name: 'CardReader.MediaRemovedEvent', payload: {} },
      { name: 'Common.StatusChangedEvent', payload: { cardReader: { media: 'jammed' } } },
      { name: 'Storage.StorageThresholdEvent', payload: { unitBIN1: { card: { status: { replenishmentStatus: 'high' } } } } },
    ]);
  });
});

describe('when the service does not answer', () => {
  it('gives up past the command’s timeout and a grace period, and cancels it', async () => {
    vi.useFakeTimers();
    const { socket, connection } = connected();
    const move = connection.command('CardReader.Move', { from: 'transport', to: 'exit' }, { timeoutMs: 20000 });
    await vi.advanceTimersByTimeAsync(20999);
    expect(socket.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await move).toEqual({ ok: false, error: { kind: 'no-completion' } });
    expect(socket.sent[1]).toBe(
      '{"header":{"type":"command","name":"Common.Cancel","requestId":2,"version":"2.0","timeout":5000},"payload":{"requestIds":[1]}}',
    );
  });

  it('ends every waiting command when the connection closes', async () => {
    const { socket, connection } = connected();
    const read = connection.command('CardReader.ReadRawData', { chip: true }, { timeoutMs: 60000 });
    socket.close();
    expect(await read).toEqual({ ok: false, error: { kind: 'disconnected' } });
    expect(await connection.command('Common.Status', {}, { timeoutMs: 5000 })).toEqual({ ok: false, error: { kind: 'disconnected' } });
  });
});
