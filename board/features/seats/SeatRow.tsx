import { useTranslation } from 'react-i18next';
import type { Policy, SeatPresence } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { localClockOf } from '../../../src/domain/local-time';
import { busyLevelOf } from './seat-view';

/** One agent's seat: who, what state for how long, the call, the day so far, and whether the desk is reachable. */
export function SeatRow({ seat, policy, now, onSelect }: { seat: SeatPresence; policy: Policy; now: number; onSelect: ((agentId: string) => void) | null }) {
  const { t } = useTranslation();
  const offset = policy.shift.utcOffsetMinutes;
  const level = busyLevelOf(seat, policy, now);
  const { today } = seat;
  const reachable = seat.state === 'offline' ? t('desk.none') : seat.link.connected ? t('desk.connected') : t('desk.unreachable', { time: seat.link.since === null ? '—' : localClockOf(seat.link.since, offset) });
  return (
    <div
      role="row"
      className={`seat seat-${seat.state}${level ? ` busy-${level}` : ''}${seat.state !== 'offline' && !seat.link.connected ? ' seat-unreachable' : ''}${onSelect ? ' seat-selectable' : ''}`}
      data-testid={`seat-${seat.agentId}`}
      data-state={seat.state}
      tabIndex={onSelect ? 0 : undefined}
      onClick={onSelect ? () => onSelect(seat.agentId) : undefined}
      onKeyDown={onSelect ? (event) => event.key === 'Enter' && onSelect(seat.agentId) : undefined}
    >
      <span role="cell" className="cell-id">{seat.agentId}</span>
      <span role="cell" className="cell-name">{seat.name}</span>
      <span role="cell" className="cell-state" data-testid={`seat-state-${seat.agentId}`}>
        {t(`state.${seat.state}`)}
        {seat.busyReason && <span className="reason">{t('board.reason', { reason: t(`busyReason.${seat.busyReason}`) })}</span>}
        {level && level !== 'ok' && <span className="level">{t(`busyLevel.${level}`)}</span>}
      </span>
      <span role="cell" className="cell-time" data-testid={`seat-time-${seat.agentId}`}>{seat.since === null || seat.state === 'offline' ? '' : formatDuration(now - seat.since)}</span>
      <span role="cell" className="cell-call">{seat.call ? `${t(`call.${seat.call.direction}`)} ${seat.call.maskedNumber} ${formatDuration(now - seat.call.since)}` : ''}</span>
      <span role="cell" className="cell-counts" data-testid={`seat-counts-${seat.agentId}`}>{`${today.answered}/${today.missed}/${today.declined}`}</span>
      <span role="cell" className="cell-aht">{today.averageHandleMs === null ? '' : formatDuration(today.averageHandleMs)}</span>
      <span role="cell" className="cell-busy">{Math.floor(today.busyMs / 60_000)}′</span>
      <span role="cell" className="cell-login">{seat.loginAt === null ? '' : localClockOf(seat.loginAt, offset)}</span>
      <span role="cell" className="cell-link" data-testid={`seat-link-${seat.agentId}`}>{reachable}</span>
    </div>
  );
}
