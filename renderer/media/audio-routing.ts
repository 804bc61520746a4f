import type { AudioDevice } from '../features/settings/device-choice';
import type { DeskSounds } from './desk-sounds';
import type { RemoteAudioOutput } from './remote-audio';
import type { MicrophoneInUse, WebRtcMediaEngine } from './web-rtc-media-engine';

/**
 * Where the desk's audio goes, for the UI: list the devices, hear when they change, and route the
 * microphone, the call audio and the ringer. Device ids are '' or null for the system default.
 */
export interface AudioRouting {
  listDevices(): Promise<AudioDevice[]>;
  /** Calls `listener` when a device is plugged in or pulled out; returns the unsubscribe. */
  onDevicesChanged(listener: () => void): () => void;
  useMicrophone(deviceId: string | null): Promise<MicrophoneInUse>;
  setSpeaker(deviceId: string | null): Promise<void>;
  setRinger(deviceId: string | null): Promise<void>;
}

export interface AudioRoutingParts {
  /** `navigator.mediaDevices`; undefined outside a secure context, where nothing can be listed. */
  mediaDevices: MediaDevices | undefined;
  engine: Pick<WebRtcMediaEngine, 'useMicrophone'>;
  remoteAudio: Pick<RemoteAudioOutput, 'setSink'>;
  sounds: Pick<DeskSounds, 'setRingerSink'>;
}

export function createAudioRouting({ mediaDevices, engine, remoteAudio, sounds }: AudioRoutingParts): AudioRouting {
  return {
    async listDevices() {
      if (!mediaDevices) return [];
      const devices = await mediaDevices.enumerateDevices();
      return devices
        .filter((device) => device.kind === 'audioinput' || device.kind === 'audiooutput')
        .map((device) => ({ deviceId: device.deviceId, kind: device.kind, label: device.label }));
    },
    onDevicesChanged(listener) {
      if (!mediaDevices) return () => {};
      mediaDevices.addEventListener('devicechange', listener);
      return () => mediaDevices.removeEventListener('devicechange', listener);
    },
    useMicrophone: (deviceId) => engine.useMicrophone(deviceId),
    setSpeaker: (deviceId) => remoteAudio.setSink(deviceId ?? ''),
    setRinger: (deviceId) => sounds.setRingerSink(deviceId ?? ''),
  };
}
