#!/usr/bin/env node
// Runs a command on Node >= 22.12, bootstrapping the pinned Node 24 when the system Node is
// older. Usage: node build/node/with-node.mjs <command> [args…]
import { spawnSync } from 'node:child_process';
import { recentNodeEnv } from './node-runtime.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: with-node.mjs <command> [args…]\n');
  process.exit(2);
}
const result = spawnSync(command, args, { stdio: 'inherit', env: recentNodeEnv() });
if (result.error) {
  process.stderr.write(`[node] cannot run ${command}: ${result.error.message}\n`);
  process.exit(127);
}
process.exit(result.status ?? 1);
