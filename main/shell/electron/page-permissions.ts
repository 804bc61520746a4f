/**
 * What the desk's own page may use, and nothing else may: the microphone (audio, never the camera
 * or the screen), choosing the speaker (headset and ringer outputs), OS notifications (busy
 * warnings while the window is behind others), and writing text to the clipboard (copying a
 * standard phrase; never reading it). Plain functions over what Electron's session handlers are
 * given, so the rule reads in one place.
 */
const pagePermissions = new Set(['media', 'speaker-selection', 'notifications', 'clipboard-sanitized-write']);

/** `pageUrl` is the renderer itself, whatever its hash or query (not another file:// page). */
export function isDeskPage(pageUrl: string, rendererUrl: string): boolean {
  if (!URL.canParse(pageUrl)) return false;
  const page = new URL(pageUrl);
  page.hash = '';
  page.search = '';
  return page.href === rendererUrl;
}

/** For setPermissionRequestHandler: `mediaTypes` are those a getUserMedia asks for. */
export function allowsPermissionRequest(pageUrl: string, rendererUrl: string, permission: string, mediaTypes: readonly string[] = []): boolean {
  if (!isDeskPage(pageUrl, rendererUrl) || !pagePermissions.has(permission)) return false;
  return permission !== 'media' || (mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio'));
}

/** For setPermissionCheckHandler (e.g. device labels, Notification.permission). */
export function allowsPermissionCheck(pageUrl: string, rendererUrl: string, permission: string, mediaType?: string): boolean {
  if (!isDeskPage(pageUrl, rendererUrl) || !pagePermissions.has(permission)) return false;
  return permission !== 'media' || mediaType === 'audio';
}
