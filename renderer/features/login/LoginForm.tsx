import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { deskApiSchemas } from '../../../src/contract';
import { noticeText } from '../../i18n/notice-text';
import { useDeskServices } from '../../shared/desk-services';
import { errorCode, errorParams } from '../../shared/error-code';

interface LoginValues {
  agentId: string;
  password: string;
}

/** 工号 + password. The schema is main's own, so what the form accepts main accepts too. */
export function LoginForm({ loggingIn }: { loggingIn: boolean }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const [failure, setFailure] = useState<{ code: string; params: Record<string, string | number> } | null>(null);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({ resolver: zodResolver(deskApiSchemas.login), defaultValues: { agentId: '', password: '' } });

  const busy = loggingIn || isSubmitting;
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await desk.login(values);
    } catch (error) {
      setFailure({ code: errorCode(error), params: errorParams(error) });
      resetField('password');
    }
  });

  return (
    <form className="login-form card" onSubmit={onSubmit} noValidate aria-busy={busy}>
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('login.subtitle')}</p>
      <label className="field">
        <span>{t('login.agentId')}</span>
        <input
          data-testid="login-agent-id"
          inputMode="numeric"
          autoComplete="username"
          placeholder={t('login.agentIdPlaceholder')}
          aria-invalid={errors.agentId ? true : undefined}
          autoFocus
          {...register('agentId')}
        />
        {errors.agentId && <span className="field__error">{t('login.agentIdInvalid')}</span>}
      </label>
      <label className="field">
        <span>{t('login.password')}</span>
        <input data-testid="login-password" type="password" autoComplete="current-password" aria-invalid={errors.password ? true : undefined} {...register('password')} />
        {errors.password && <span className="field__error">{t('login.passwordRequired')}</span>}
      </label>
      <button data-testid="login-submit" className="button button--primary button--wide" type="submit" disabled={busy}>
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> {t('login.busy')}
          </>
        ) : (
          t('login.submit')
        )}
      </button>
      {failure && (
        <p className="form-error" role="alert" data-testid="login-error" data-code={failure.code}>
          {noticeText(t, failure.code, failure.params)}
        </p>
      )}
    </form>
  );
}
