import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { defaultPolicy } from '../../../src/contract/policy';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
let store: DeskStore;
afterEach(() => store?.db.open && store.close());

describe('SettingsRepo', () => {
  it('keeps the cached policy, dispositions and last agent across a reopen', () => {
    const path = tempPath();
    store = openDeskStore(path);
    const dispositions = [{ code: 'repair', label: { 'zh-CN': '报修', en: 'Repair' } }];
    store.settings.set('policy', defaultPolicy);
    store.settings.set('dispositions', dispositions);
    store.settings.set('lastAgentId', '1001');
    store.close();

    store = openDeskStore(path);
    expect(store.settings.get('policy')).toEqual(defaultPolicy);
    expect(store.settings.get('dispositions')).toEqual(dispositions);
    expect(store.settings.get('lastAgentId')).toBe('1001');
    store.settings.delete('lastAgentId');
    expect(store.settings.get('lastAgentId')).toBeNull();
  });

  it('makes the device id once and keeps it', () => {
    const path = tempPath();
    store = openDeskStore(path);
    const deviceId = store.settings.deviceId();
    expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.settings.deviceId()).toBe(deviceId);
    store.close();
    store = openDeskStore(path);
    expect(store.settings.deviceId()).toBe(deviceId);
  });

  it('refuses to write a value of the wrong shape, and reads a stale one as absent', () => {
    store = openDeskStore(tempPath());
    expect(() => store.settings.set('lastAgentId', 'abc')).toThrow();
    // As an older desk might have left it: valid JSON, no longer a valid policy.
    store.db.prepare("INSERT INTO kv (key, value) VALUES ('policy', '{\"maxRings\": 3}')").run();
    expect(store.settings.get('policy')).toBeNull();
  });
});
