import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * The import rule of shared/DESIGN.md, enforced: the folder says which runtime a file may assume.
 * test/unit/import-rule.test.ts proves each restriction fires.
 */
const nodeBuiltins = { group: ['node:*'], message: 'environment-neutral code: no Node built-ins' };
const electronOnlyInShell = { name: 'electron', message: 'only main/shell/electron/ may import electron' };

export const importRules = {
  src: {
    patterns: [
      nodeBuiltins,
      { group: ['**/main/**', '**/renderer/**', '**/board/**', '**/server/**', '**/lab/**'], message: 'src/ imports only src/ and pure libraries' },
      { group: ['react', 'react-dom', 'react/*', 'sip.js', 'sip.js/*', 'better-sqlite3', 'ws', 'fastify', 'kysely', 'pg'], message: 'src/ imports only pure libraries (zod)' },
    ],
    paths: [electronOnlyInShell],
  },
  renderer: {
    patterns: [
      nodeBuiltins,
      { group: ['**/main/**', '**/board/**', '**/server/**', '**/lab/**'], message: 'the renderer talks to main only through the RPC contract in src/' },
      { group: ['sip.js', 'sip.js/*', 'better-sqlite3', 'ws', 'fastify', 'kysely', 'pg'], message: 'SIP.js, SQLite and servers belong to main or server' },
    ],
    paths: [electronOnlyInShell],
  },
  board: {
    patterns: [
      nodeBuiltins,
      { group: ['**/main/**', '**/renderer/**', '**/server/**', '**/lab/**'], message: 'the board talks to the server only through the contract in src/' },
      { group: ['sip.js', 'sip.js/*', 'better-sqlite3', 'ws', 'fastify', 'kysely', 'pg'], message: 'SIP.js, SQLite and servers belong to main or server' },
    ],
    paths: [electronOnlyInShell],
  },
  server: {
    patterns: [{ group: ['**/main/**', '**/renderer/**', '**/board/**', '**/lab/**'], message: 'the server shares only src/contract and src/rpc with the desk' }],
    paths: [electronOnlyInShell],
  },
  main: {
    patterns: [{ group: ['**/renderer/**', '**/server/**', '**/lab/**'], message: 'main never imports the renderer, the server or the lab' }],
    paths: [electronOnlyInShell],
  },
  electronShell: {
    patterns: [{ group: ['**/renderer/**', '**/server/**', '**/lab/**'], message: 'main never imports the renderer, the server or the lab' }],
  },
} as const;

const restrict = (rule: (typeof importRules)[keyof typeof importRules]): Linter.RulesRecord => ({ 'no-restricted-imports': ['error', rule] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'release/**', 'test-results/**', 'playwright-report/**', '.lab/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  { files: ['src/**/*.ts'], rules: restrict(importRules.src) },
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], rules: restrict(importRules.renderer) },
  { files: ['board/**/*.ts', 'board/**/*.tsx'], rules: restrict(importRules.board) },
  { files: ['server/**/*.ts'], rules: restrict(importRules.server) },
  { files: ['main/**/*.ts'], ignores: ['main/shell/electron/**'], rules: restrict(importRules.main) },
  { files: ['main/shell/electron/**/*.ts'], rules: restrict(importRules.electronShell) },
);
