import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { promptPack } from './build/prompts/vite-prompt-pack.ts';

// The devkit's pages, for the browser host (development, demonstrations, end-to-end tests):
// the same kiosk screen on the browser host's WebSocket, and the demo card reader. Built into
// dist/devkit/renderer, never into the product.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer/devkit', import.meta.url)),
  base: './',
  publicDir: false,
  // The voice's prompt pack beside the renderer (a missing prompt fails the build).
  plugins: [react(), promptPack({ cache: fileURLToPath(new URL('./dist/prompt-cache', import.meta.url)), list: false })],
  build: {
    outDir: fileURLToPath(new URL('./dist/devkit/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./renderer/devkit/index.html', import.meta.url)),
        dev: fileURLToPath(new URL('./renderer/devkit/dev.html', import.meta.url)),
      },
    },
  },
});
