import type { TFunction } from 'i18next';
import { BoardApiError } from '../api/board-api';

const KNOWN = new Set(['bad-credentials', 'forbidden', 'too-many-attempts', 'unreachable', 'bad-reply', 'session-ended', 'invalid-request', 'not-found', 'stale-order', 'phrase-book-full']);

/** What to tell the supervisor about a failed call to the server. */
export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof BoardApiError ? error.code : 'unreachable';
  return KNOWN.has(code) ? t(`error.${code}`) : t('error.other', { code });
}
