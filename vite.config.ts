import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The product's renderer: the kiosk screen only, built into dist/renderer and served by the
// Electron shell's custom scheme (relative URLs, no dev server). The devkit pages (the screen
// over the browser host's WebSocket, the demo card reader) are vite.devkit.config.ts.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
});
