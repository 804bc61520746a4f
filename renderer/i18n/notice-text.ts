import type { TFunction } from 'i18next';
import { wallTimeLabel } from '../../src/domain/local-time';

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
  'promise-soon',
  'promise-due',
  'handover-incoming',
  'handover-accepted',
  'handover-received',
  'handover-taken',
  'unknown-promise',
  'promise-kept',
  'unknown-colleague',
  'unknown-item',
  'item-in-handover',
  'not-addressee',
  'unknown-handover',
] as const;

export function noticeKey(code: string): string {
  return (KNOWN_NOTICE_CODES as readonly string[]).includes(code) ? `notice.${code}` : 'notice.unknown';
}

/** The center's zone and the desk's now, for instants in a notice's params. */
export interface NoticeZone {
  utcOffsetMinutes: number;
  now: number;
}

/**
 * The localized sentence for a notice or error code, with its params. An instant (`dueAt`, epoch
 * ms) is shown on the center's clock, with the date when it is not today; without a zone, as sent.
 */
export function noticeText(t: TFunction, code: string, params: Record<string, string | number> = {}, zone?: NoticeZone): string {
  const shown = { ...params };
  if (zone && typeof shown.dueAt === 'number') {
    const { date, time } = wallTimeLabel(shown.dueAt, zone.now, zone.utcOffsetMinutes);
    shown.dueAt = date ? `${date} ${time}` : time;
  }
  const key = code === 'handover-accepted' && shown.by === undefined ? 'notice.handover-accepted-unnamed' : noticeKey(code);
  return t(key, { ...shown, code });
}
