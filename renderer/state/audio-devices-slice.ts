import type { StateCreator } from 'zustand/vanilla';
import type { AudioDevice } from '../features/settings/device-choice';

export interface AudioDevicesSlice {
  audioDevices: {
    /** The audio devices present now, as the browser lists them. */
    available: AudioDevice[];
    /** The label of the microphone really in use (after any fallback); null before one was opened. */
    microphoneLabel: string | null;
  };
  devicesListed(available: AudioDevice[]): void;
  microphoneOpened(label: string | null): void;
}

export const createAudioDevicesSlice: StateCreator<AudioDevicesSlice, [], [], AudioDevicesSlice> = (set) => ({
  audioDevices: { available: [], microphoneLabel: null },
  devicesListed(available) {
    set((state) => ({ audioDevices: { ...state.audioDevices, available } }));
  },
  microphoneOpened(microphoneLabel) {
    set((state) => ({ audioDevices: { ...state.audioDevices, microphoneLabel } }));
  },
});
