#!/usr/bin/env node
// Prints shell exports that put a recent Node first on PATH, for CI and shells:
//   eval "$(node build/node/env.mjs)"
import { recentNodeEnv } from './node-runtime.mjs';

const env = recentNodeEnv();
/** @param {string} value */
const quote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;
for (const name of ['PATH', 'npm_config_nodedir']) {
  if (env[name] !== undefined && env[name] !== process.env[name]) process.stdout.write(`export ${name}=${quote(env[name])}\n`);
}
