import type { StateCreator } from 'zustand/vanilla';
import { loadSeatSettings, saveSeatSettings, type SeatSettings } from '../features/settings/seat-settings';

export interface SettingsSlice {
  /** This seat's local choices (number grouping, audio devices): UI preferences, not desk state. */
  settings: SeatSettings;
  /** Changes some settings and remembers them on this machine. */
  changeSettings(patch: Partial<SeatSettings>): void;
}

/** `storage` is where the settings are remembered (localStorage in the page; none in unit tests). */
export function createSettingsSlice(storage: Storage | null): StateCreator<SettingsSlice, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: loadSeatSettings(storage),
    changeSettings(patch) {
      const settings = { ...get().settings, ...patch };
      saveSeatSettings(storage, settings);
      set({ settings });
    },
  });
}
