/** The three audio routes an agent chooses: what they speak into, hear the call on, and hear the ring on. */
export type AudioRoute = 'microphone' | 'speaker' | 'ringer';

export const AUDIO_ROUTES: readonly AudioRoute[] = ['microphone', 'speaker', 'ringer'];

/** The device kind each route draws from: the ringer is an output like the speaker, usually a different one. */
export const ROUTE_KIND: Readonly<Record<AudioRoute, MediaDeviceKind>> = { microphone: 'audioinput', speaker: 'audiooutput', ringer: 'audiooutput' };

/** The part of a MediaDeviceInfo the desk uses (plain data, so the decision is testable). */
export interface AudioDevice {
  deviceId: string;
  kind: MediaDeviceKind;
  label: string;
}

export interface DeviceDecision {
  /** The device to use; null means the system default. */
  deviceId: string | null;
  /** The agent's choice is not plugged in (a headset pulled mid-call): the default stands in and the agent is told. */
  lost: boolean;
}

/** Chromium's own name for "follow the system default". */
const SYSTEM_DEFAULT_ID = 'default';

/**
 * Which device a route uses, from the agent's choice and the devices present now:
 *
 *   no choice (or "default")                    -> the system default
 *   the choice is present                       -> the choice
 *   the list says nothing (not enumerated yet,  -> the choice, tried as it is: a list without ids
 *     or ids hidden until microphone permission)    cannot prove a device is gone
 *   otherwise                                   -> the system default, lost
 *
 * The choice itself is kept, so the headset plugged back in is used again without asking.
 */
export function decideDevice(chosenId: string | null, available: readonly AudioDevice[], kind: MediaDeviceKind): DeviceDecision {
  if (!chosenId || chosenId === SYSTEM_DEFAULT_ID) return { deviceId: null, lost: false };
  const ofKind = available.filter((device) => device.kind === kind);
  if (ofKind.some((device) => device.deviceId === chosenId)) return { deviceId: chosenId, lost: false };
  if (!ofKind.some((device) => device.deviceId !== '')) return { deviceId: chosenId, lost: false };
  return { deviceId: null, lost: true };
}

/** The devices a route may choose from, without Chromium's "default"/"communications" aliases of real ones. */
export function choicesFor(available: readonly AudioDevice[], kind: MediaDeviceKind): AudioDevice[] {
  return available.filter((device) => device.kind === kind && device.deviceId !== '' && device.deviceId !== SYSTEM_DEFAULT_ID && device.deviceId !== 'communications');
}
