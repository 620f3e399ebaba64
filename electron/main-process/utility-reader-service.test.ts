// The card service forked as an Electron utility process (Electron mocked): the client's
// messages reach it, its messages and its exit reach the client's supervisor.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { forkUtilityReaderService } from './utility-reader-service.ts';

const forked = vi.hoisted(() => [] as { entry: string; options: { env?: Record<string, string | undefined> }; child: unknown }[]);

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return {
    utilityProcess: {
      fork: (entry: string, _args: string[], options: { env?: Record<string, string | undefined> }) => {
        const child = Object.assign(new Emitter(), { posted: [] as unknown[], killed: 0 });
        Object.assign(child, {
          postMessage: (message: unknown) => child.posted.push(message),
          kill: () => (child.killed += 1),
        });
        forked.push({ entry, options, child });
        return child;
      },
    },
  };
});

type FakeChild = EventEmitter & { posted: unknown[]; killed: number };

describe('the card service as a utility process', () => {
  it('relays messages both ways, reports its exit and can be killed', () => {
    const service = forkUtilityReaderService('/opt/kiosk/reader-service-main.js');
    const fork = forked[0];
    if (!fork) throw new Error('not forked');
    const child = fork.child as FakeChild;
    expect(fork.entry).toBe('/opt/kiosk/reader-service-main.js');
    // One libuv worker per reader is parked in a blocking PC/SC call: the pool must be larger than the default 4.
    expect(fork.options.env?.UV_THREADPOOL_SIZE).toBe('16');

    service.send({ id: 1, type: 'status' });
    expect(child.posted).toEqual([{ id: 1, type: 'status' }]);
    const received: unknown[] = [];
    service.onMessage((message) => received.push(message));
    child.emit('message', { type: 'event', event: 'card-inserted' });
    expect(received).toEqual([{ type: 'event', event: 'card-inserted' }]);
    const exits: string[] = [];
    service.onExit((reason) => exits.push(reason));
    child.emit('exit', 139);
    expect(exits).toEqual(['exited with code 139']);
    service.kill();
    expect(child.killed).toBe(1);
  });
});
