// Vitest global setup of the end-to-end suite: the tests drive the renderer as built for
// production (in the devkit's pages for the browser host), so it is built once, fresh, before they run.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.devkit.config.ts', import.meta.url)), logLevel: 'warn' });
}
