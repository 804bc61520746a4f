import { describe, expect, it } from 'vitest';
import { DEFAULT_SEAT_SETTINGS, loadSeatSettings, SEAT_SETTINGS_STORAGE_KEY } from '../../../renderer/features/settings/seat-settings';
import { createDeskStore } from '../../../renderer/state/desk-store';

/** The Storage interface over a Map, as the page's localStorage behaves within one origin. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

describe('seat settings', () => {
  it('are remembered on this machine and come back in a new page', () => {
    const storage = new MemoryStorage();
    const first = createDeskStore(storage);
    expect(first.getState().settings).toEqual(DEFAULT_SEAT_SETTINGS);
    first.getState().changeSettings({ numberGrouping: 'fours', microphoneId: 'headset-mic' });
    first.getState().changeSettings({ ringerId: 'loudspeaker' });

    const reloaded = createDeskStore(storage);
    expect(reloaded.getState().settings).toEqual({ numberGrouping: 'fours', microphoneId: 'headset-mic', speakerId: null, ringerId: 'loudspeaker' });
  });

  it('fall back to the defaults, field by field, when what is stored is damaged', () => {
    const storage = new MemoryStorage();
    storage.setItem(SEAT_SETTINGS_STORAGE_KEY, '{not json');
    expect(loadSeatSettings(storage)).toEqual(DEFAULT_SEAT_SETTINGS);
    storage.setItem(SEAT_SETTINGS_STORAGE_KEY, JSON.stringify({ numberGrouping: 'fives', speakerId: 'headset', microphoneId: 42 }));
    expect(loadSeatSettings(storage)).toEqual({ ...DEFAULT_SEAT_SETTINGS, speakerId: 'headset' });
    storage.setItem(SEAT_SETTINGS_STORAGE_KEY, 'null');
    expect(loadSeatSettings(storage)).toEqual(DEFAULT_SEAT_SETTINGS);
  });

  it('still work where storage throws (privacy modes) or is missing', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } } as unknown as Storage;
    const store = createDeskStore(throwing);
    store.getState().changeSettings({ numberGrouping: 'none' });
    expect(store.getState().settings.numberGrouping).toBe('none');
    expect(loadSeatSettings(null)).toEqual(DEFAULT_SEAT_SETTINGS);
  });
});
