import { describe, expect, it } from 'vitest';
import { choicesFor, decideDevice, type AudioDevice } from '../../../renderer/features/settings/device-choice';

const mic = (deviceId: string, label = deviceId): AudioDevice => ({ deviceId, kind: 'audioinput', label });
const out = (deviceId: string, label = deviceId): AudioDevice => ({ deviceId, kind: 'audiooutput', label });
const present = [mic('default', 'Default'), mic('headset-mic'), mic('laptop-mic'), out('default', 'Default'), out('headset'), out('loudspeaker')];

describe('decideDevice', () => {
  it('uses the system default when nothing (or "default") was chosen', () => {
    expect(decideDevice(null, present, 'audioinput')).toEqual({ deviceId: null, lost: false });
    expect(decideDevice('default', present, 'audiooutput')).toEqual({ deviceId: null, lost: false });
    expect(decideDevice('', present, 'audioinput')).toEqual({ deviceId: null, lost: false });
  });

  it('uses the chosen device while it is plugged in', () => {
    expect(decideDevice('headset-mic', present, 'audioinput')).toEqual({ deviceId: 'headset-mic', lost: false });
    expect(decideDevice('loudspeaker', present, 'audiooutput')).toEqual({ deviceId: 'loudspeaker', lost: false });
  });

  it('falls back to the default, and says so, when the chosen device is unplugged', () => {
    const unplugged = present.filter((device) => !device.deviceId.startsWith('headset'));
    expect(decideDevice('headset-mic', unplugged, 'audioinput')).toEqual({ deviceId: null, lost: true });
    expect(decideDevice('headset', unplugged, 'audiooutput')).toEqual({ deviceId: null, lost: true });
    // Plugged back in: the choice was kept, so it is used again.
    expect(decideDevice('headset-mic', present, 'audioinput')).toEqual({ deviceId: 'headset-mic', lost: false });
  });

  it('matches the kind: an output id is not a microphone', () => {
    expect(decideDevice('loudspeaker', present, 'audioinput')).toEqual({ deviceId: null, lost: true });
  });

  it('keeps the choice while the list cannot tell (not listed yet, or ids hidden before permission)', () => {
    expect(decideDevice('headset-mic', [], 'audioinput')).toEqual({ deviceId: 'headset-mic', lost: false });
    const hidden = [mic(''), out('')];
    expect(decideDevice('headset-mic', hidden, 'audioinput')).toEqual({ deviceId: 'headset-mic', lost: false });
    // Outputs listed, inputs not: only the inputs are unknown.
    expect(decideDevice('headset-mic', [out('headset')], 'audioinput')).toEqual({ deviceId: 'headset-mic', lost: false });
    expect(decideDevice('gone', [out('headset')], 'audiooutput')).toEqual({ deviceId: null, lost: true });
  });
});

describe('choicesFor', () => {
  it('offers the real devices of a kind, without the default and communications aliases', () => {
    const listed = [...present, mic('communications'), mic('')];
    expect(choicesFor(listed, 'audioinput').map((device) => device.deviceId)).toEqual(['headset-mic', 'laptop-mic']);
    expect(choicesFor(listed, 'audiooutput').map((device) => device.deviceId)).toEqual(['headset', 'loudspeaker']);
  });
});
