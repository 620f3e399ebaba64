import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once into dist/renderer and served by a host (the browser host or
// the Electron shell's custom scheme): relative URLs, no dev server in production.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        dev: fileURLToPath(new URL('./renderer/dev.html', import.meta.url)),
      },
    },
  },
});
