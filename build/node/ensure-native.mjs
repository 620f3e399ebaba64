#!/usr/bin/env node
// postinstall: make sure every native addon loads in the Node that runs the project. On
// a machine whose system Node is older, npm built them for the wrong ABI; rebuild them here
// (with-node.mjs points node-gyp at the matching headers).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ADDONS = ['pcsclite', 'better-sqlite3'];

for (const name of ADDONS) {
  try {
    require(name);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`[native] ${name} does not load on Node ${process.version} (${reason}); rebuilding…\n`);
    execFileSync('npm', ['rebuild', name], { stdio: 'inherit' });
    require(name);
  }
  process.stderr.write(`[native] ${name} loads on Node ${process.version}\n`);
}
