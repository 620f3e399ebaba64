// @ts-check
// Who may import whom: one row per folder, each naming the runtime its code runs in and what
// it may import (VS Code's code-import-patterns, as an allow-list). A folder that is in no row
// is refused by the lint rule (build/lint/layer-imports.js) until it is given one, so a new
// folder is restricted by default. README's "Project layout" table is this table.
//
// `layers`: other rows this one may import (its own folder always). `packages`: npm packages
// (a name matches itself and its subpaths), `node:*` for Node's built-in modules.
// `product: false`: development, demonstration and test parts, never in the product build.

/** @typedef {{ folder: string, runtime: string, layers: string[], packages: string[], product: boolean }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  // Contracts and values every runtime shares: no I/O, no runtime of its own.
  { folder: 'electron/common', runtime: 'any (pure TypeScript)', layers: [], packages: ['zod'], product: true },

  // The card and the reader, bottom-up.
  { folder: 'native/apdu', runtime: 'any (pure TypeScript)', layers: ['electron/common'], packages: [], product: true },
  { folder: 'native/pki', runtime: 'Node', layers: ['electron/common'], packages: ['asn1js', 'pkijs', 'node:*'], product: true },
  { folder: 'native/jpki', runtime: 'Node', layers: ['electron/common', 'native/apdu', 'native/pki'], packages: ['node:*'], product: true },
  {
    folder: 'native/reader',
    runtime: 'Node (kiosk core and card service process)',
    layers: ['electron/common', 'native/apdu', 'native/jpki'],
    packages: ['zod', 'node:*'],
    product: true,
  },
  {
    folder: 'native/pcsc',
    runtime: 'Node (card service process)',
    layers: ['electron/common', 'native/apdu', 'native/jpki', 'native/reader'],
    packages: ['pcsclite', 'node:*'],
    product: true,
  },
  {
    folder: 'native/diagnostics',
    runtime: 'Node',
    layers: ['electron/common', 'native/apdu', 'native/jpki', 'native/pki', 'native/reader'],
    packages: ['zod', 'node:*'],
    product: true,
  },
  {
    folder: 'native/xfs4iot',
    runtime: 'Node (kiosk core)',
    layers: ['electron/common', 'native/apdu', 'native/jpki', 'native/reader'],
    packages: ['zod', 'node:*'],
    product: true,
  },
  { folder: 'native/types', runtime: 'type declarations', layers: [], packages: ['node:*'], product: true },

  // The kiosk core and the Electron shell.
  {
    folder: 'electron/node',
    runtime: 'Node (the kiosk core)',
    layers: ['electron/common', 'native/apdu', 'native/pki', 'native/jpki', 'native/reader', 'native/diagnostics', 'native/xfs4iot'],
    packages: ['xstate', 'zod', 'better-sqlite3', '@holiday-jp/holiday_jp', 'pdfkit', 'age-encryption', 'node:*'],
    product: true,
  },
  {
    folder: 'electron/main-process',
    runtime: 'Electron main process (the shell)',
    layers: ['electron/common', 'electron/node', 'native/reader'],
    packages: ['electron', 'node:*'],
    product: true,
  },
  {
    folder: 'electron/preload',
    runtime: 'Electron preload (sandboxed)',
    layers: ['electron/common'],
    packages: ['electron'],
    product: true,
  },
  {
    folder: 'renderer',
    runtime: 'Chromium renderer (sandboxed, DOM)',
    layers: ['electron/common'],
    packages: ['react', 'react-dom'],
    product: true,
  },

  // Development, demonstration and tests: never in the product.
  {
    folder: 'native/devkit',
    runtime: 'Node',
    layers: [
      'electron/common',
      'native/apdu',
      'native/pki',
      'native/jpki',
      'native/reader',
      'native/pcsc',
      'native/diagnostics',
      'native/xfs4iot',
    ],
    packages: ['asn1js', 'pkijs', 'zod', 'node:*'],
    product: false,
  },
  {
    folder: 'native/devkit/xfs4iot-sim',
    runtime: 'Node',
    layers: ['electron/common', 'native/apdu', 'native/jpki', 'native/reader', 'native/xfs4iot', 'native/devkit'],
    packages: ['ws', 'zod', 'node:*'],
    product: false,
  },
  { folder: 'electron/devkit/common', runtime: 'any (pure TypeScript)', layers: ['electron/common'], packages: ['zod'], product: false },
  {
    folder: 'electron/devkit',
    runtime: 'Node',
    layers: [
      'electron/common',
      'electron/node',
      'electron/devkit/common',
      'native/apdu',
      'native/pki',
      'native/jpki',
      'native/reader',
      'native/diagnostics',
      'native/xfs4iot',
      'native/devkit',
      'native/devkit/xfs4iot-sim',
    ],
    packages: ['ws', 'vite', 'zod', 'node:*'],
    product: false,
  },
  {
    folder: 'electron/devkit/main-process',
    runtime: 'Electron main process (the demo)',
    layers: ['electron/common', 'electron/node', 'electron/main-process', 'electron/devkit', 'native/reader', 'native/devkit'],
    packages: ['electron', 'node:*'],
    product: false,
  },
  {
    folder: 'renderer/devkit',
    runtime: 'Chromium (DOM)',
    layers: ['electron/common', 'electron/devkit/common', 'renderer'],
    packages: ['react', 'react-dom'],
    product: false,
  },
];

/** Folders whose files are checked by other means: build scripts and cross-cutting tests may import anything. */
export const UNRESTRICTED = ['build', 'test'];

/** The row a repository path (forward slashes, relative to the root) belongs to: the longest folder that contains it. */
export function layerOf(/** @type {string} */ path) {
  /** @type {Layer | undefined} */
  let found;
  for (const layer of LAYERS) {
    if ((path === layer.folder || path.startsWith(`${layer.folder}/`)) && (!found || layer.folder.length > found.folder.length))
      found = layer;
  }
  return found;
}
