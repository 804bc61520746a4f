import { useTranslation } from 'react-i18next';
import type { SessionEnd } from '../../../src/contract';
import { useLanguage } from '../../shared/use-language';

/**
 * Why the server ended the agent's session (one live seat per 工号): on the login screen, and on
 * the desk while a call in progress and its wrap-up finish (`finishing`).
 */
export function SessionEndNotice({ end, finishing = false }: { end: SessionEnd; finishing?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(end.endedAt);
  return (
    <p className={`session-end${finishing ? ' session-end--finishing' : ''}`} role="alert" data-testid="session-end" data-reason={end.reason}>
      <span>{t(`sessionEnd.${end.reason}`, { time, device: end.byDeviceId ?? '', by: end.byAgentId ?? '' })}</span>
      {finishing && <span> {t('sessionEnd.finishing')}</span>}
    </p>
  );
}
