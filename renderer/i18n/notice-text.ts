import type { TFunction } from 'i18next';

/** Codes that have their own sentence; anything else gets the generic message naming the code. */
export const KNOWN_NOTICE_CODES = [
  'bad-credentials',
  'too-many-attempts',
  'server-unreachable',
  'server-error',
  'insecure-transport',
  'session-ended',
  'invalid-params',
  'wrap-up-saved',
  'wrap-up-saved-offline',
  'registration-failed',
  'desk-unreachable',
  'microphone-unavailable',
  'missed-call',
  'ring-overdue',
  'auto-answered',
  'apologize-late-answer',
  'wrap-up-expired',
  'busy-warning',
  'busy-over-limit',
  'busy-approved',
  'forced-busy',
  'answer-failed',
  'call-in-progress',
  'not-logged-in',
  'busy-reason-not-allowed',
  'promise-required',
  'unknown-call',
  'not-ringing',
  'hold-failed',
  'mute-failed',
  'transfer-failed',
  'consult-failed',
  'conference-failed',
  'consult-in-progress',
  'no-consult',
  'not-held',
  'survey-result',
  'call-handed-over',
  'no-survey',
  'not-talking',
  'not-connected',
  'dial-failed',
  'already-logged-in',
  'login-in-progress',
  'microphone-lost',
  'speaker-lost',
  'ringer-lost',
  'microphone-restored',
  'speaker-restored',
  'ringer-restored',
  'record-not-saved',
  'ticket-replied',
  'ticket-closed',
  'invalid-ticket',
] as const;

export function noticeKey(code: string): string {
  return (KNOWN_NOTICE_CODES as readonly string[]).includes(code) ? `notice.${code}` : 'notice.unknown';
}

/** The localized sentence for a notice or error code, with its params. */
export function noticeText(t: TFunction, code: string, params: Record<string, string | number> = {}): string {
  return t(noticeKey(code), { ...params, code });
}
