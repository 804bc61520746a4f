import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createDeskSlice, type DeskSlice } from './desk-slice';
import { createNoticesSlice, type NoticesSlice } from './notices-slice';

/** The renderer's one store: a projection of main's state plus the carrier's health. */
export type DeskStoreState = ConnectionSlice & DeskSlice & NoticesSlice;
export type DeskStore = StoreApi<DeskStoreState>;

export function createDeskStore(): DeskStore {
  return createStore<DeskStoreState>()((...args) => ({
    ...createConnectionSlice(...args),
    ...createDeskSlice(...args),
    ...createNoticesSlice(...args),
  }));
}

/** The app's store instance (tests make their own with createDeskStore). */
export const deskStore = createDeskStore();

export function useDeskStore<T>(selector: (state: DeskStoreState) => T): T {
  return useStore(deskStore, selector);
}
