import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ticketAssignRequestSchema, ticketCloseRequestSchema, ticketReplyRequestSchema, type Ticket } from '../../../src/contract';
import { boardApi } from '../../api/board-api';
import { boardStore, type BoardSession } from '../../state/board-store';
import { ticketErrorText } from './ticket-error-text';

/** A supervisor works a ticket: assign (to one's self or a supervisor by 工号), reply, close; checked with the server's own schemas. */
export function TicketActions({ session, ticket }: { session: BoardSession; ticket: Ticket }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const assignForm = useForm({ resolver: zodResolver(ticketAssignRequestSchema), defaultValues: { assignee: '' } });
  const replyForm = useForm({ resolver: zodResolver(ticketReplyRequestSchema), defaultValues: { text: '' } });
  const closeForm = useForm({ resolver: zodResolver(ticketCloseRequestSchema), defaultValues: { note: '' } });

  /** The server's answer goes into the store (an older pushed copy cannot replace it); false when refused. */
  const run = async (change: () => Promise<Ticket>): Promise<boolean> => {
    setFailure(null);
    try {
      boardStore.getState().ticketsChanged([await change()]);
      return true;
    } catch (error) {
      setFailure(ticketErrorText(t, error));
      return false;
    }
  };
  const assignTo = (assignee: string) => run(() => boardApi.assignTicket(session.token, ticket.id, { assignee }));
  const assign = assignForm.handleSubmit(async ({ assignee }) => {
    if (await assignTo(assignee)) assignForm.reset();
  });
  const reply = replyForm.handleSubmit(async (request) => {
    if (await run(() => boardApi.replyToTicket(session.token, ticket.id, request))) replyForm.reset();
  });
  const close = closeForm.handleSubmit(async (request) => {
    if (await run(() => boardApi.closeTicket(session.token, ticket.id, request))) closeForm.reset();
  });

  if (ticket.status === 'closed') return null;
  return (
    <div className="ticket-actions" data-testid="ticket-actions">
      <div className="ticket-actions__row">
        {ticket.assignee?.agentId !== session.supervisor.agentId && (
          <button type="button" data-testid="ticket-assign-me" onClick={() => void assignTo(session.supervisor.agentId)}>
            {t('tickets.assignToMe')}
          </button>
        )}
        <form onSubmit={assign} noValidate aria-busy={assignForm.formState.isSubmitting}>
          <label>
            {t('tickets.assignTo')}
            <input data-testid="ticket-assignee" inputMode="numeric" size={8} {...assignForm.register('assignee')} />
          </label>
          <button type="submit" data-testid="ticket-assign" disabled={assignForm.formState.isSubmitting}>
            {t('tickets.assign')}
          </button>
          {assignForm.formState.errors.assignee && <p className="field-error">{t('tickets.form.assigneeInvalid')}</p>}
        </form>
      </div>
      <form className="ticket-actions__reply" onSubmit={reply} noValidate aria-busy={replyForm.formState.isSubmitting}>
        <label>
          {t('tickets.replyLabel')}
          <textarea data-testid="ticket-reply-text" rows={3} maxLength={2_000} {...replyForm.register('text')} />
        </label>
        <button type="submit" data-testid="ticket-reply" disabled={replyForm.formState.isSubmitting}>
          {t('tickets.reply')}
        </button>
        {replyForm.formState.errors.text && <p className="field-error">{t('tickets.form.replyInvalid')}</p>}
      </form>
      <form className="ticket-actions__close" onSubmit={close} noValidate aria-busy={closeForm.formState.isSubmitting}>
        <label>
          {t('tickets.closeNote')}
          <input data-testid="ticket-close-note" maxLength={2_000} {...closeForm.register('note')} />
        </label>
        <button type="submit" data-testid="ticket-close" disabled={closeForm.formState.isSubmitting}>
          {t('tickets.close')}
        </button>
        {closeForm.formState.errors.note && <p className="field-error">{t('tickets.form.noteInvalid')}</p>}
      </form>
      {failure && (
        <p className="field-error" role="alert" data-testid="ticket-failure">
          {failure}
        </p>
      )}
    </div>
  );
}
