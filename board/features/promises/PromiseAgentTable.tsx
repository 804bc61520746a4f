import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { utcOffsetLabel } from '../../../src/domain/local-time';
import { centerTime } from './center-time';
import type { AgentPromises, PromiseRow } from './promise-view';

export interface PromiseAgentTableProps {
  groups: readonly AgentPromises[];
  /** The 工号 whose promises are listed. */
  expanded: ReadonlySet<string>;
  onToggle(agentId: string): void;
  /** The server's clock. */
  now: number;
  utcOffsetMinutes: number;
  dispositionLabel(code: string): string;
}

/**
 * Open first-contact promises per owner (首问责任制): who has overdue ones, how many, since when;
 * an agent's row opens to their promises. Overdue is red and says so in words.
 */
export function PromiseAgentTable({ groups, expanded, onToggle, now, utcOffsetMinutes, dispositionLabel }: PromiseAgentTableProps) {
  const { t } = useTranslation();
  const zone = utcOffsetLabel(utcOffsetMinutes);
  if (groups.length === 0) {
    return (
      <p className="muted" data-testid="promise-agents-empty">
        {t('promises.empty')}
      </p>
    );
  }
  return (
    <table className="report-table promise-agents" data-testid="promise-agents">
      <thead>
        <tr>
          <th>{t('promises.column.agent')}</th>
          <th>{t('promises.column.open')}</th>
          <th>{t('promises.column.overdue')}</th>
          <th>{t('promises.column.oldestOverdue', { zone })}</th>
          <th>
            <span className="visually-hidden">{t('promises.column.expand')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => {
          const { agentId } = group.agent;
          const open = expanded.has(agentId);
          const listId = `agent-promises-${agentId}`;
          return (
            <Fragment key={agentId}>
              <tr
                className={group.overdueCount > 0 ? 'promise-agent promise-agent--overdue' : 'promise-agent'}
                data-testid="promise-agent-row"
                data-agent-id={agentId}
                data-open-count={group.rows.length}
                data-overdue-count={group.overdueCount}
              >
                <td>{t('promises.person', group.agent)}</td>
                <td data-testid="promise-agent-open">{group.rows.length}</td>
                <td data-testid="promise-agent-overdue">{group.overdueCount > 0 ? <strong className="overdue">{t('promises.overdueOf', { count: group.overdueCount })}</strong> : 0}</td>
                <td data-testid="promise-agent-oldest">{group.oldestOverdueAt === null ? '—' : <span className="overdue">{centerTime(group.oldestOverdueAt, now, utcOffsetMinutes)}</span>}</td>
                <td>
                  <button type="button" data-testid="promise-agent-toggle" aria-expanded={open} aria-controls={listId} onClick={() => onToggle(agentId)}>
                    {open ? t('promises.collapse') : t('promises.expand')}
                  </button>
                </td>
              </tr>
              {open && (
                <tr className="promise-agent__detail">
                  <td colSpan={5}>
                    <AgentPromiseList id={listId} agentId={agentId} rows={group.rows} now={now} utcOffsetMinutes={utcOffsetMinutes} dispositionLabel={dispositionLabel} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function AgentPromiseList({
  id,
  agentId,
  rows,
  now,
  utcOffsetMinutes,
  dispositionLabel,
}: {
  id: string;
  agentId: string;
  rows: readonly PromiseRow[];
  now: number;
  utcOffsetMinutes: number;
  dispositionLabel(code: string): string;
}) {
  const { t } = useTranslation();
  return (
    <table className="report-table promise-list" id={id} data-testid="agent-promises" data-agent-id={agentId}>
      <thead>
        <tr>
          <th>{t('promises.field.dueAt', { zone: utcOffsetLabel(utcOffsetMinutes) })}</th>
          <th>{t('promises.field.customer')}</th>
          <th>{t('promises.field.number')}</th>
          <th>{t('promises.field.disposition')}</th>
          <th>{t('promises.field.summary')}</th>
          <th>{t('promises.field.callbacks')}</th>
          <th>{t('promises.field.handover')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ promise, urgency }) => (
          <tr key={promise.id} className={`promise promise--${urgency}`} data-testid="promise-row" data-promise-id={promise.id} data-urgency={urgency}>
            <td className="promise-due" data-testid="promise-due">
              <time dateTime={new Date(promise.dueAt).toISOString()}>{centerTime(promise.dueAt, now, utcOffsetMinutes)}</time>
              {urgency !== 'later' && (
                <span className={`promise-urgency promise-urgency--${urgency}`} data-testid={urgency === 'overdue' ? 'promise-overdue' : 'promise-soon'}>
                  {t(`promises.urgency.${urgency}`)}
                </span>
              )}
            </td>
            <td>{promise.customerName || '—'}</td>
            <td className="promise-number" data-testid="promise-number">
              {promise.remoteNumber || '—'}
            </td>
            <td>{promise.disposition ? dispositionLabel(promise.disposition) : '—'}</td>
            <td className="promise-summary" title={promise.summary}>
              {promise.summary || '—'}
            </td>
            <td data-testid="promise-callbacks">{promise.callbacks.length}</td>
            <td>
              {promise.pendingHandoverId !== null && (
                <span className="promise-handing-over" data-testid="promise-handing-over">
                  {t('promises.handingOver')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
