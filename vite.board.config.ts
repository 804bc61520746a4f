import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The supervisor board's build; the central server serves dist/board at /board/.
export default defineConfig({
  root: fileURLToPath(new URL('./board', import.meta.url)),
  base: '/board/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/board', import.meta.url)),
    emptyOutDir: true,
    // The board's CSP allows scripts and styles from the server only: no inlined assets.
    assetsInlineLimit: 0,
    target: 'chrome120',
    chunkSizeWarningLimit: 2_048,
  },
});
