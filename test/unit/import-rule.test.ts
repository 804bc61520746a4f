import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import rule of shared/DESIGN.md is enforced by eslint.config.ts. These cases prove that each
 * restriction fires on a violation (so the lint cannot silently pass) and that the tree obeys it.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import rule', () => {
  it.each([
    ['src/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/contract/x.ts', "import { Desk } from '../../main/desk/desk';"],
    ['src/rpc/x.ts', "import { useState } from 'react';"],
    ['src/rpc/x.ts', "import { app } from 'electron';"],
    ['renderer/features/x.ts', "import { Desk } from '../../main/desk/desk';"],
    ['renderer/media/x.ts', "import { UserAgent } from 'sip.js';"],
    ['renderer/state/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/x.ts', "import { join } from 'node:path';"],
    ['server/x.ts', "import { Softphone } from '../main/phone/softphone';"],
    ['server/x.ts', "import { app } from 'electron';"],
    ['main/desk/x.ts', "import { app } from 'electron';"],
    ['main/store/x.ts', "import { App } from '../../renderer/app';"],
    ['board/features/x.ts', "import { SeatBook } from '../../server/seats/seat-book';"],
    ['board/features/x.ts', "import { App } from '../../renderer/App';"],
    ['board/x.ts', "import { readFileSync } from 'node:fs';"],
    ['server/x.ts', "import { App } from '../board/App';"],
    ['renderer/x.ts', "import { App } from '../board/App';"],
  ])('refuses %s: %s', async (filePath, code) => {
    expect(await violations(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['src/domain/x.ts', "import { z } from 'zod';"],
    ['renderer/x.ts', "import { deskApiSchemas } from '../src/contract/desk';"],
    ['main/shell/electron/x.ts', "import { app } from 'electron';"],
    ['main/phone/x.ts', "import { UserAgent } from 'sip.js';"],
    ['server/x.ts', "import { syncBatchSchema } from '../src/contract/sync';"],
    ['board/x.ts', "import { boardMessageSchema } from '../src/contract/board';"],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await violations(filePath, code)).toEqual([]);
  });

  it('holds for the whole tree', async () => {
    const results = await eslint.lintFiles(['src', 'main', 'renderer', 'board', 'server']);
    const broken = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(broken).toEqual([]);
    // Linting every file takes seconds on a busy 2-core machine; this is no speed test.
  }, 60_000);
});
