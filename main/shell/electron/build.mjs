// Bundles the Electron shell: main as CommonJS (Electron loads it with native modules beside it)
// and the preload as one CommonJS file, which a sandboxed preload must be.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'error' };

await build({
  ...common,
  entryPoints: ['main/shell/electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  format: 'cjs',
  // Native and Electron-provided modules stay outside the bundle.
  external: ['electron', 'better-sqlite3'],
});

await build({
  ...common,
  entryPoints: ['main/shell/electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
