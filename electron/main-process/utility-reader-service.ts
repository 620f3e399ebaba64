// The card service in an Electron utility process: the same service entry as the Node
// fork, supervised by the same client, so a crash or hang of the PC/SC binding cannot take
// the kiosk window down.
import { utilityProcess } from 'electron';
import type { ServiceProcess } from '../../native/reader/reader-service-client.ts';

export function forkUtilityReaderService(entry: string): ServiceProcess {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'kiosk card service',
    stdio: 'inherit',
    // pcsclite parks a libuv worker thread per reader in a blocking status call.
    env: { ...process.env, UV_THREADPOOL_SIZE: '16' },
  });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(`exited with code ${String(code)}`)),
    kill: () => {
      child.kill();
    },
  };
}
