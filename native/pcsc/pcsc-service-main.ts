// Entry point of the card service process: the PC/SC reader port served to the kiosk over
// the parent's channel (an Electron utility process's parentPort, or Node's IPC channel).
import type { MessageChannelLike } from '../reader/reader-protocol.ts';
import { serveReaderPort } from '../reader/reader-service-host.ts';
import { PcscReaderPort } from './pcsc-reader-port.ts';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentChannel(): MessageChannelLike {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('the card service must be started by the kiosk (no IPC channel)');
  // The kiosk went away: nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  return { send: (message) => send(message), onMessage: (listener) => process.on('message', listener) };
}

const port = new PcscReaderPort();
serveReaderPort(port, parentChannel());
port.start();
