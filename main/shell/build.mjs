// Bundles both shells' main processes, so neither compiles TypeScript at start (the browser shell
// under tsx took ~1.2 s of its ~1.5 s start here; bundled it starts in ~0.35 s).
// - Electron: main as CommonJS (Electron loads it with native modules beside it) and the preload as
//   one CommonJS file, which a sandboxed preload must be.
// - Browser shell: one ES module (its entry awaits at top level) for plain Node 20.
import { build } from 'esbuild';

// Minified (names kept, for the log's stack traces; the source maps beside map lines back): V8
// parses the whole bundle at start, and half the text is half that time (~4 MB → ~2 MB here).
const common = { bundle: true, platform: 'node', sourcemap: true, minify: true, keepNames: true, logLevel: 'error' };

await build({
  ...common,
  target: 'node22',
  entryPoints: ['main/shell/electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  format: 'cjs',
  // Native and Electron-provided modules stay outside the bundle.
  external: ['electron', 'better-sqlite3'],
});

await build({
  ...common,
  target: 'node22',
  entryPoints: ['main/shell/electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

await build({
  ...common,
  target: 'node20',
  entryPoints: ['main/shell/web/cli.ts'],
  outfile: 'dist/web/desk.mjs',
  format: 'esm',
  external: ['better-sqlite3'],
  // The CommonJS dependencies (ws, pino, sip.js) call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as seatdeskCreateRequire } from 'node:module'; const require = seatdeskCreateRequire(import.meta.url);" },
});
