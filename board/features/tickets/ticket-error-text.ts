import type { TFunction } from 'i18next';
import { BoardApiError } from '../../api/board-api';
import { errorText } from '../../shared/error-text';

/** What to tell the supervisor about a refused change of a ticket: the ticket's own reasons first. */
export function ticketErrorText(t: TFunction, error: unknown): string {
  if (error instanceof BoardApiError) {
    if (error.code === 'ticket-closed') return t('tickets.error.closed');
    if (error.code === 'not-found') return t('tickets.error.notFound');
    if (error.code === 'invalid-request') return t('tickets.error.invalid', { message: error.message });
  }
  return errorText(t, error);
}
