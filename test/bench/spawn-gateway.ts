// Starts the benchmarks' reference gateway (gateway-process.ts) as a child process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface GatewayProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export async function spawnGateway(): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./gateway-process.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the benchmark gateway exited (${String(code)}) before listening`);
    }),
  ])) as [string];
  lines.close();
  child.stdout.resume(); // drained from now on: a paused pipe would keep this process alive
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
