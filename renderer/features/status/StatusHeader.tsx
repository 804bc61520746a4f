import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSnapshot } from '../../../src/contract';
import { LogoutButton } from '../handover/LogoutButton';
import { SettingsPanel } from '../settings/SettingsPanel';
import { LanguageSwitch } from './LanguageSwitch';
import { ReadyBusyControls } from './ReadyBusyControls';
import { StateBadge } from './StateBadge';

export function StatusHeader({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const server = snapshot.serverReachable === null ? 'unknown' : snapshot.serverReachable ? 'reachable' : 'unreachable';
  const serverText = { unknown: t('status.serverUnknown'), reachable: t('status.serverReachable'), unreachable: t('status.serverUnreachable') }[server];

  return (
    <header className="status">
      <div className="topbar">
        <div className="topbar__brand">
          <strong>{t('app.title')}</strong>
          {snapshot.policy && <span className="muted">{snapshot.policy.companyName}</span>}
        </div>
        {snapshot.agent && (
          <div className="topbar__agent" data-testid="agent">
            <span className="topbar__agent-name">{snapshot.agent.name}</span>
            <span className="muted">{t('status.agent', { agentId: snapshot.agent.agentId })}</span>
          </div>
        )}
        <div className="topbar__indicators">
          <span className={`pill pill--registration-${snapshot.registration}`} data-testid="registration" data-registration={snapshot.registration} title={snapshot.registrationError ?? undefined}>
            <span className="dot" aria-hidden="true" />
            {t(`registration.${snapshot.registration}`)}
          </span>
          <span className={`pill pill--server-${server}`} data-testid="server-reachable" data-reachable={server}>
            <span className="dot" aria-hidden="true" />
            {serverText}
          </span>
          <span className={`pill ${snapshot.pendingSync > 0 ? 'pill--pending' : 'pill--quiet'}`} data-testid="pending-sync" data-count={snapshot.pendingSync}>
            {t('status.pendingSync', { count: snapshot.pendingSync })}
          </span>
        </div>
        <div className="topbar__actions">
          <LanguageSwitch />
          <button type="button" className="button button--quiet" data-testid="devices-open" aria-haspopup="dialog" onClick={() => setSettingsOpen(true)}>
            {t('settings.open')}
          </button>
          <LogoutButton snapshot={snapshot} now={now} />
        </div>
      </div>
      <div className="statebar">
        <StateBadge snapshot={snapshot} now={now} />
        <ReadyBusyControls snapshot={snapshot} />
      </div>
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}
