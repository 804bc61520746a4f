import { useTranslation } from 'react-i18next';
import type { SessionEnd } from '../../../src/contract';
import { LanguageSwitch } from '../status/LanguageSwitch';
import { LoginForm } from './LoginForm';
import { SessionEndNotice } from './SessionEndNotice';

/** `serverReachable`: what main last found (null: not asked yet); said only when it is bad news. */
export function LoginScreen({ loggingIn, sessionEnd, serverReachable }: { loggingIn: boolean; sessionEnd: SessionEnd | null; serverReachable: boolean | null }) {
  const { t } = useTranslation();
  return (
    <div className="login-screen">
      <header className="topbar topbar--plain">
        <div className="topbar__brand">
          <strong>{t('app.title')}</strong>
        </div>
        <div className="topbar__actions">
          <LanguageSwitch />
        </div>
      </header>
      <main className="login-screen__body">
        <div className="login-screen__column">
          {sessionEnd && <SessionEndNotice end={sessionEnd} />}
          {serverReachable === false && (
            <p className="login-screen__server" role="status" data-testid="login-server-unreachable">
              {t('login.serverUnreachable')}
            </p>
          )}
          <LoginForm loggingIn={loggingIn} />
        </div>
      </main>
    </div>
  );
}
