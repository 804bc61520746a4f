import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer's build (a Node tool, so it lives outside renderer/, whose code runs in Chromium).
// Relative base: the Electron shell loads the built page from file://, the browser shell from http://127.0.0.1.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // A local desk app: no source of truth lives in a CDN, and inlined assets would need a looser CSP.
    assetsInlineLimit: 0,
    target: 'chrome120',
    // The bundle loads from local disk (file:// or 127.0.0.1), never over a network: size warnings meant for websites do not apply.
    chunkSizeWarningLimit: 2_048,
  },
});
