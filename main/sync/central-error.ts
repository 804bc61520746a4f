import type { SessionEnded } from '../../src/contract/live';

/**
 * What went wrong talking to the central server, as the desk must react to it:
 *
 * - `bad-credentials`: wrong 工号 or password (login only).
 * - `session-ended`: the session was ended (logged in elsewhere, logged out): log in again.
 * - `unauthenticated`: no valid session token: log in again.
 * - `forbidden`: the session may not do this (e.g. another agent's records).
 * - `invalid-request`: the server refused the request as malformed; sending it again will not help.
 * - `unreachable`: no answer (connection refused, DNS, timeout, connection dropped).
 * - `too-many-attempts`: the server's login throttle refused the attempt (429); `retryAfterMs` says
 *   when to try again.
 * - `server-error`: the server failed (5xx, or 429 elsewhere); may work later.
 * - `invalid-reply`: the server answered something that is not the protocol; nothing of it is used.
 * - `insecure-transport`: the server provisioned a PBX address the desk may not use (ws:// to
 *   another machine: secure-transport.ts); nothing of the reply is used.
 */
export type CentralErrorCode =
  | 'bad-credentials'
  | 'session-ended'
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid-request'
  | 'unreachable'
  | 'server-error'
  | 'too-many-attempts'
  | 'invalid-reply'
  | 'insecure-transport';

export class CentralError extends Error {
  /** For `session-ended`: how the server says the session ended (another login, a supervisor, expiry). */
  readonly session: SessionEnded | null;
  /** For `too-many-attempts`: how long until the server takes another attempt (Retry-After), if it said. */
  readonly retryAfterMs: number | null;
  /** The server's own error code (`{ error: { code } }`), when it named one: e.g. `handover-accepted`. */
  readonly serverCode: string | null;
  /** The server's error body as JSON, for codes that carry more (e.g. `error.acceptedBy`); never trusted unparsed. */
  readonly body: unknown;

  constructor(
    readonly code: CentralErrorCode,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status: number | null = null,
    options?: { cause?: unknown; session?: SessionEnded; retryAfterMs?: number | null; serverCode?: string | null; body?: unknown },
  ) {
    super(message, options);
    this.name = 'CentralError';
    this.session = options?.session ?? null;
    this.retryAfterMs = options?.retryAfterMs ?? null;
    this.serverCode = options?.serverCode ?? null;
    this.body = options?.body;
  }
}
