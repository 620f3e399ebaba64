// The browser host (development and demonstrations) under arbitrary frames from a page that
// holds the token: text and binary, JSON and not, huge and empty, on the screen and the demo
// sockets. It validates every frame, passes on only screen events, and stays up for the next page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { BrowserHost } from '../../electron/devkit/browser-host/browser-host.ts';
import { DemoReader } from '../../electron/devkit/browser-host/demo-reader.ts';
import { DemoStateSchema, parseJson, ViewMessageSchema } from '../../electron/devkit/common/host-protocol.ts';
import { SimulatedMotorisedReader } from '../../native/devkit/emulator/motorised-reader.ts';
import { SimulatedReaderPort } from '../../native/devkit/emulator/simulated-reader-port.ts';
import { fuzzParameters } from './fuzz-runs.ts';

const VIEW: ViewModel = { screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' };
const staticDir = mkdtempSync(join(tmpdir(), 'host-fuzz-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
const received: unknown[] = [];
const port = new SimulatedReaderPort();
const host = new BrowserHost({
  screen: {
    view: () => VIEW,
    subscribe: () => () => undefined,
    send: (event) => {
      received.push(event);
      return { ok: false, error: 'invalid-event' };
    },
  },
  staticDir,
  demo: new DemoReader({ port, mechanics: new SimulatedMotorisedReader(port.reader) }),
  log: () => undefined,
});
let url: URL;
let token: string;
beforeAll(async () => {
  url = new URL((await host.start()).url);
  token = url.hash.replace('#token=', '');
});
afterAll(async () => {
  await host.stop();
  rmSync(staticDir, { recursive: true, force: true });
});

/** Opens a socket and resolves with its first message, parsed. */
function open(path: '/ws/screen' | '/ws/demo'): Promise<{ socket: WebSocket; first: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${url.host}${path}?token=${token}`, { origin: url.origin });
    socket.once('message', (data: Buffer) => resolve({ socket, first: parseJson(data.toString()) }));
    socket.once('error', reject);
  });
}
const closed = (socket: WebSocket): Promise<void> =>
  new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) resolve();
    else socket.once('close', () => resolve());
    socket.close();
  });

const frame = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json().map(String),
  fc
    .record({ type: fc.constantFrom('event', 'insert', 'take', 'view'), event: fc.anything(), profile: fc.string() })
    .map((value) => JSON.stringify(value)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant('x'.repeat(20_000)),
);

describe('the browser host under arbitrary frames', () => {
  it('stays up and keeps serving the next screen and demo panel', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/ws/screen' as const, '/ws/demo' as const),
        fc.array(frame, { minLength: 1, maxLength: 12 }),
        async (path, frames) => {
          const { socket, first } = await open(path);
          if (path === '/ws/screen') expect(ViewMessageSchema.safeParse(first).success).toBe(true);
          else expect(DemoStateSchema.safeParse(first).success).toBe(true);
          for (const data of frames) if (socket.readyState === WebSocket.OPEN) socket.send(data);
          await new Promise((resolve) => setTimeout(resolve, 20));
          await closed(socket);
          // Whatever came before, the next page is served.
          const next = await open(path);
          await closed(next.socket);
          // Only the screen socket passes events on (for the kiosk core to validate); the demo socket none.
          const passedOn = received.splice(0);
          if (path === '/ws/demo') expect(passedOn).toEqual([]);
        },
      ),
      fuzzParameters(0.2),
    );
  });
});
