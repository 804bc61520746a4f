import { useTranslation } from 'react-i18next';
import { defaultPolicy, type SessionEnd } from '../../../src/contract';
import { localClockOf, localDateOf, utcOffsetLabel } from '../../../src/domain/local-time';
import { useDeskStore } from '../../state/desk-store';

/**
 * Why the server ended the agent's session (one live seat per 工号): on the login screen, and on
 * the desk while a call in progress and its wrap-up finish (`finishing`).
 */
export function SessionEndNotice({ end, finishing = false }: { end: SessionEnd; finishing?: boolean }) {
  const { t } = useTranslation();
  // On the center's clock, like every time the desk shows.
  const offset = useDeskStore((state) => state.desk.snapshot?.policy?.shift.utcOffsetMinutes) ?? defaultPolicy.shift.utcOffsetMinutes;
  const time = `${localDateOf(end.endedAt, offset)} ${localClockOf(end.endedAt, offset)} (${utcOffsetLabel(offset)})`;
  return (
    <p className={`session-end${finishing ? ' session-end--finishing' : ''}`} role="alert" data-testid="session-end" data-reason={end.reason}>
      <span>{t(`sessionEnd.${end.reason}`, { time, device: end.byDeviceId ?? '', by: end.byAgentId ?? '' })}</span>
      {finishing && <span> {t('sessionEnd.finishing')}</span>}
    </p>
  );
}
