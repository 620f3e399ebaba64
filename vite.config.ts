import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { promptPack } from './build/prompts/vite-prompt-pack.ts';

// The product's renderer: the kiosk screen only, built into dist/renderer and served by the
// Electron shell's custom scheme (relative URLs, no dev server). The devkit pages (the screen
// over the browser host's WebSocket, the demo card reader) are vite.devkit.config.ts.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  // The voice's prompt pack beside the renderer (a missing prompt fails the build).
  plugins: [react(), promptPack({ cache: fileURLToPath(new URL('./dist/prompt-cache', import.meta.url)), list: true })],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
});
