import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The lab serves dist/caller/ with a config.json beside index.html, under any path: hence base './'.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../../dist/caller', import.meta.url)),
    emptyOutDir: true,
  },
});
