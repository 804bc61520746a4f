import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../main/desk/desk';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { defaultPolicy } from '../../../src/contract/policy';
import type { Phrase, PhraseBook } from '../../../src/contract/phrases';
import type { LoginResponse } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { quietDeskDeps } from './quiet-desk-deps';

/**
 * The standard phrases on the desk: from the login, then every newer book the server pushes, kept
 * in the store so the next start (and a server that sends none) has the last ones.
 */
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const stores: DeskStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const phrase = (id: string, text: string): Phrase => ({ id, category: 'greeting', dispositionCode: null, title: '问候', text, sortOrder: 1, editedBy: null, editedAt: null });
const book = (revision: number, text: string): PhraseBook => ({ revision, phrases: [phrase(`0190d6d2-6b7e-7c2d-9d0e-00000000000${revision}`, text)] });

function loginWith(phrases: PhraseBook | undefined): LoginResponse {
  return {
    token: 'session-token-of-1001',
    agent: { agentId: '1001', name: '王小明' },
    policy: defaultPolicy,
    dispositions: [],
    directory: [],
    colleagues: [],
    ...(phrases ? { phrases } : {}),
    sip: { wsServer: 'ws://127.0.0.1:5066', aor: 'sip:1001@seatdesk.lab', authorizationUsername: '9999999999:1001', authorizationPassword: 'x', expiresAt: T0 + 3_600_000, displayName: '王小明' },
    serverTime: T0,
  };
}

function deskOn(store: DeskStore, phrases: PhraseBook | undefined) {
  const faults: string[] = [];
  const desk = new Desk({
    ...quietDeskDeps(store, new ManualClock(T0), async () => loginWith(phrases)),
    reportFault: (where) => faults.push(where),
  });
  return { desk, faults, texts: async () => (await desk.getSnapshot()).phrases.map((shown) => shown.text) };
}

function memoryStore(): DeskStore {
  const store = openDeskStore(':memory:');
  stores.push(store);
  return store;
}

describe('the standard phrases on the desk', () => {
  it('shows the login’s book, then each newer one pushed; an older one arriving late changes nothing', async () => {
    const { desk, texts, faults } = deskOn(memoryStore(), book(3, '登录时'));
    await desk.login({ agentId: '1001', password: 'pw1001' });
    expect(await texts()).toEqual(['登录时']);
    desk.phrasesChanged(book(5, '主管改过'));
    expect(await texts()).toEqual(['主管改过']);
    // A catch-up read before the push, answered after it.
    desk.phrasesChanged(book(4, '较旧'));
    desk.phrasesChanged(book(5, '同一版'));
    expect(await texts()).toEqual(['主管改过']);
    expect(faults).toEqual([]);
  });

  it('keeps the last book across a restart, and for a server that sends none', async () => {
    const store = memoryStore();
    const first = deskOn(store, book(3, '登录时'));
    await first.desk.login({ agentId: '1001', password: 'pw1001' });
    first.desk.phrasesChanged(book(6, '最新'));
    await first.desk.logout();
    // Logged out, the desk still shows the last ones it heard.
    expect(await first.texts()).toEqual(['最新']);

    const older = deskOn(store, undefined);
    expect(await older.texts()).toEqual(['最新']);
    await older.desk.login({ agentId: '1001', password: 'pw1001' });
    expect(await older.texts()).toEqual(['最新']);
    // A login that carries a book replaces it, whatever its revision (a server set up anew).
    const fresh = deskOn(store, book(1, '新服务器'));
    await fresh.desk.login({ agentId: '1001', password: 'pw1001' });
    expect(await fresh.texts()).toEqual(['新服务器']);
  });

  it('ignores a book pushed while nobody is logged in', async () => {
    const { desk, texts } = deskOn(memoryStore(), undefined);
    desk.phrasesChanged(book(9, '无人登录'));
    expect(await texts()).toEqual([]);
  });
});
