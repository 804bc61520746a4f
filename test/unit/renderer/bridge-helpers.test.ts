import { describe, expect, it } from 'vitest';
import { takeLaunchToken, TOKEN_STORAGE_KEY, type LaunchTokenHost } from '../../../renderer/bridge/launch-token';
import { rpcSocketUrl } from '../../../renderer/bridge/websocket-carrier';
import { rememberedLanguage, rememberLanguage } from '../../../src/i18n/languages';

function fakeHost(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const host: LaunchTokenHost = {
    location: { hash, pathname: '/index.html', search: '?x=1' },
    history: { state: null, replaceState: (_state, _unused, url) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { host, storage, replaced };
}

describe('takeLaunchToken', () => {
  it('takes the token from the hash, keeps it for reloads and removes it from the address', () => {
    const { host, storage, replaced } = fakeHost('#token=abc123');
    expect(takeLaunchToken(host)).toBe('abc123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/index.html?x=1']);
  });

  it('uses the kept token after a reload (no hash any more)', () => {
    const { host, replaced } = fakeHost('', { [TOKEN_STORAGE_KEY]: 'kept' });
    expect(takeLaunchToken(host)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('prefers a new launch token over a kept one, and has none when never given', () => {
    expect(takeLaunchToken(fakeHost('#token=new', { [TOKEN_STORAGE_KEY]: 'old' }).host)).toBe('new');
    expect(takeLaunchToken(fakeHost('').host)).toBeNull();
  });

  it('builds the socket URL with the token escaped', () => {
    expect(rpcSocketUrl('127.0.0.1:5123', 'a b&c')).toBe('ws://127.0.0.1:5123/rpc?token=a%20b%26c');
  });
});

describe('language memory', () => {
  it('defaults to zh-CN and remembers a valid choice only', () => {
    const storage = new Map<string, string>();
    const store = { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) };
    expect(rememberedLanguage(store)).toBe('zh-CN');
    rememberLanguage(store, 'en');
    expect(rememberedLanguage(store)).toBe('en');
    storage.set('seatdesk.language', 'fr');
    expect(rememberedLanguage(store)).toBe('zh-CN');
    const broken = { getItem: () => { throw new Error('denied'); } };
    expect(rememberedLanguage(broken)).toBe('zh-CN');
  });
});
