import type * as z from 'zod';
import type { PromisePerson, SessionEnded } from '../../src/contract';

/** The `code` of an `{ error: { code, message } }` answer (src/contract/sync.ts). */
export type ApiErrorCode =
  | 'invalid-request'
  | 'bad-credentials'
  | 'unauthenticated'
  | 'session-ended'
  | 'forbidden'
  | 'not-found'
  | 'record-id-conflict'
  | 'unknown-agent'
  | 'upgrade-required'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-attempts'
  | 'unknown-call'
  | 'call-of-another-agent'
  | 'survey-result-exists'
  | 'stale-order'
  | 'phrase-book-full'
  | 'ticket-closed'
  | 'unknown-handover'
  | 'not-addressee'
  | 'handover-accepted'
  | 'internal';

export interface ApiFailureDetails {
  /** Sent as `Retry-After` (whole seconds, at least 1). */
  retryAfterMs?: number;
  /** For `session-ended`: how it ended (src/contract/sessions.ts, SessionEndedError). */
  session?: SessionEnded;
  /** For `handover-accepted`: who accepted it first (src/contract/handovers.ts). */
  acceptedBy?: PromisePerson;
}

/** A request the server refuses on purpose; the error handler turns it into the JSON error shape. */
export class ApiFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ApiFailureDetails = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Validates untrusted input against a contract schema: 400 with zod's explanation when it does not fit. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const message = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new ApiFailure(400, 'invalid-request', message);
  }
  return result.data;
}
