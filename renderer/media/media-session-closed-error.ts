/** A media operation on a session that was closed (or closed while the operation waited). */
export class MediaSessionClosedError extends Error {
  readonly code = 'media-session-closed';
  constructor(sessionId: string) {
    super(`media session ${sessionId} is closed`);
    this.name = 'MediaSessionClosedError';
  }
}
