import { useEffect, useRef, useState } from 'react';
import { useDeskServices } from '../../shared/desk-services';
import { deskStore, useDeskStore } from '../../state/desk-store';
import { decideDevice, ROUTE_KIND, type AudioRoute, type DeviceDecision } from './device-choice';

/** The decision for each route, from the seat's choices and the devices present now. */
export function useDeviceDecisions(): Record<AudioRoute, DeviceDecision> {
  const settings = useDeskStore((state) => state.settings);
  const available = useDeskStore((state) => state.audioDevices.available);
  return {
    microphone: decideDevice(settings.microphoneId, available, ROUTE_KIND.microphone),
    speaker: decideDevice(settings.speakerId, available, ROUTE_KIND.speaker),
    ringer: decideDevice(settings.ringerId, available, ROUTE_KIND.ringer),
  };
}

/**
 * Keeps the audio on the devices the agent chose, all session long: lists the devices and lists
 * them again whenever one is plugged in or pulled out; a chosen device that disappears (a headset
 * unplugged mid-call) gives way to the system default without dropping the call, with a notice,
 * and is used again when it comes back. Mounted once, for the whole page.
 */
export function useAudioRouting(): void {
  const { audio } = useDeskServices();
  const decisions = useDeviceDecisions();
  const microphoneLabel = useDeskStore((state) => state.audioDevices.microphoneLabel);
  // Counts device changes: an unplugged default microphone ends the track without changing any choice.
  const [deviceChanges, setDeviceChanges] = useState(0);

  // Labels (and real ids) are only listed once the microphone was allowed: list again after it opens.
  const microphoneOpen = microphoneLabel !== null;
  useEffect(() => {
    let cancelled = false;
    const list = () =>
      audio.listDevices().then(
        (devices) => !cancelled && deskStore.getState().devicesListed(devices),
        () => {},
      );
    void list();
    const unsubscribe = audio.onDevicesChanged(() => {
      setDeviceChanges((count) => count + 1);
      void list();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [audio, microphoneOpen]);

  const microphoneId = decisions.microphone.deviceId;
  useEffect(() => {
    let cancelled = false;
    audio.useMicrophone(microphoneId).then(
      (inUse) => !cancelled && deskStore.getState().microphoneOpened(inUse.label),
      () => !cancelled && deskStore.getState().microphoneOpened(null),
    );
    return () => {
      cancelled = true;
    };
  }, [audio, microphoneId, deviceChanges]);

  const speakerId = decisions.speaker.deviceId;
  useEffect(() => {
    audio.setSpeaker(speakerId).catch(() => fallBackToDefault(() => audio.setSpeaker(null), 'speaker'));
  }, [audio, speakerId]);

  const ringerId = decisions.ringer.deviceId;
  useEffect(() => {
    audio.setRinger(ringerId).catch(() => fallBackToDefault(() => audio.setRinger(null), 'ringer'));
  }, [audio, ringerId]);

  useLostNotice('microphone', decisions.microphone.lost);
  useLostNotice('speaker', decisions.speaker.lost);
  useLostNotice('ringer', decisions.ringer.lost);
}

/** A device listed but refusing to open: the default plays instead, and the agent hears why. */
function fallBackToDefault(routeToDefault: () => Promise<void>, route: AudioRoute): void {
  deskStore.getState().pushNotice({ level: 'warning', code: `${route}-lost` });
  routeToDefault().catch(() => {});
}

/** Tells the agent when a chosen device goes missing, and when it is back in use. */
function useLostNotice(route: AudioRoute, lost: boolean): void {
  const wasLost = useRef(false);
  useEffect(() => {
    if (lost === wasLost.current) return;
    wasLost.current = lost;
    deskStore.getState().pushNotice(lost ? { level: 'warning', code: `${route}-lost` } : { level: 'info', code: `${route}-restored` });
  }, [route, lost]);
}
