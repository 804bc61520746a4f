import type { StateCreator } from 'zustand/vanilla';
import type { DeskSnapshot } from '../../src/contract';

export interface DeskSlice {
  desk: {
    /** The latest projection of main's state; null until the first one arrives. */
    snapshot: DeskSnapshot | null;
    /** `performance.now()` when it arrived, so display timers can extrapolate main's clock. */
    receivedAt: number;
    /** The connection generation it came on. */
    generation: number;
  };
  /**
   * Keeps the newest snapshot. Within one connection a snapshot older than the one shown (by
   * main's `at`) is a late reply racing an event and is dropped; a new connection always wins,
   * because the main process may have restarted with a different clock.
   */
  receiveSnapshot(snapshot: DeskSnapshot, receivedAt: number, generation: number): void;
}

export const createDeskSlice: StateCreator<DeskSlice, [], [], DeskSlice> = (set, get) => ({
  desk: { snapshot: null, receivedAt: 0, generation: 0 },
  receiveSnapshot(snapshot, receivedAt, generation) {
    const current = get().desk;
    if (current.snapshot && current.generation === generation && snapshot.at < current.snapshot.at) return;
    set({ desk: { snapshot, receivedAt, generation } });
  },
});

/** Main's clock now, extrapolated from the snapshot: `at + (perfNow − receivedAt)`. Display only. */
export function deskNow(desk: DeskSlice['desk'], perfNow: number): number {
  if (!desk.snapshot) return 0;
  return desk.snapshot.at + Math.max(0, perfNow - desk.receivedAt);
}
