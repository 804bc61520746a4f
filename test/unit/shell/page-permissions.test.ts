import { describe, expect, it } from 'vitest';
import { allowsPermissionCheck, allowsPermissionRequest, isDeskPage } from '../../../main/shell/electron/page-permissions';

/** The Electron shell's permission handlers decide with these: audio for the desk's page, nothing else. */
const renderer = 'file:///opt/SeatDesk/resources/app.asar/dist/renderer/index.html';

describe('what the Electron shell grants', () => {
  it('knows the desk page, whatever its hash, and nothing else', () => {
    expect(isDeskPage(`${renderer}#settings`, renderer)).toBe(true);
    expect(isDeskPage('file:///opt/SeatDesk/resources/app.asar/dist/renderer/other.html', renderer)).toBe(false);
    expect(isDeskPage('https://evil.example/index.html', renderer)).toBe(false);
    expect(isDeskPage('', renderer)).toBe(false);
  });

  it('grants the microphone to the desk page, never the camera or the screen', () => {
    expect(allowsPermissionRequest(renderer, renderer, 'media', ['audio'])).toBe(true);
    expect(allowsPermissionRequest(renderer, renderer, 'media', ['audio', 'video'])).toBe(false);
    expect(allowsPermissionRequest(renderer, renderer, 'media', ['video'])).toBe(false);
    expect(allowsPermissionRequest(renderer, renderer, 'media', [])).toBe(false);
    expect(allowsPermissionRequest(renderer, renderer, 'display-capture')).toBe(false);
    expect(allowsPermissionCheck(renderer, renderer, 'media', 'audio')).toBe(true);
    expect(allowsPermissionCheck(renderer, renderer, 'media', 'video')).toBe(false);
    expect(allowsPermissionCheck(renderer, renderer, 'media', 'unknown')).toBe(false);
  });

  it('grants the speaker choice and notifications to the desk page only', () => {
    expect(allowsPermissionRequest(renderer, renderer, 'speaker-selection')).toBe(true);
    expect(allowsPermissionCheck(renderer, renderer, 'notifications')).toBe(true);
    expect(allowsPermissionRequest('https://evil.example/', renderer, 'media', ['audio'])).toBe(false);
    expect(allowsPermissionCheck('https://evil.example/', renderer, 'media', 'audio')).toBe(false);
  });

  it('lets the desk page write to the clipboard (a phrase copied), never read it', () => {
    expect(allowsPermissionRequest(renderer, renderer, 'clipboard-sanitized-write')).toBe(true);
    expect(allowsPermissionCheck(renderer, renderer, 'clipboard-sanitized-write')).toBe(true);
    expect(allowsPermissionCheck('https://evil.example/', renderer, 'clipboard-sanitized-write')).toBe(false);
    expect(allowsPermissionRequest(renderer, renderer, 'clipboard-read')).toBe(false);
  });

  it('refuses everything else, even to the desk page', () => {
    for (const permission of ['geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'midi', 'fileSystem', 'pointerLock', 'unknown']) {
      expect(allowsPermissionRequest(renderer, renderer, permission)).toBe(false);
      expect(allowsPermissionCheck(renderer, renderer, permission)).toBe(false);
    }
  });
});
