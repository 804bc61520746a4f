import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../status/LanguageSwitch';
import { LoginForm } from './LoginForm';

export function LoginScreen({ loggingIn }: { loggingIn: boolean }) {
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
        <LoginForm loggingIn={loggingIn} />
      </main>
    </div>
  );
}
