import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAudioDevicesSlice, type AudioDevicesSlice } from './audio-devices-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createDeskSlice, type DeskSlice } from './desk-slice';
import { createNoticesSlice, type NoticesSlice } from './notices-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

/**
 * The renderer's one store: a projection of main's state plus the carrier's health, and what only
 * this machine knows (its audio devices and the seat's settings).
 */
export type DeskStoreState = ConnectionSlice & DeskSlice & NoticesSlice & SettingsSlice & AudioDevicesSlice;
export type DeskStore = StoreApi<DeskStoreState>;

/** `storage` remembers the seat's settings; tests pass none (or their own). */
export function createDeskStore(storage: Storage | null = null): DeskStore {
  return createStore<DeskStoreState>()((...args) => ({
    ...createConnectionSlice(...args),
    ...createDeskSlice(...args),
    ...createNoticesSlice(...args),
    ...createSettingsSlice(storage)(...args),
    ...createAudioDevicesSlice(...args),
  }));
}

/** The app's store instance (tests make their own with createDeskStore). */
export const deskStore = createDeskStore(typeof localStorage === 'undefined' ? null : localStorage);

export function useDeskStore<T>(selector: (state: DeskStoreState) => T): T {
  return useStore(deskStore, selector);
}
