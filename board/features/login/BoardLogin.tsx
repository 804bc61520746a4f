import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { boardLoginRequestSchema, type BoardLoginRequest } from '../../../src/contract';
import { boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { boardStore, useBoardStore } from '../../state/board-store';

/** 工号 + password of a supervisor; the schema is the server's own. */
export function BoardLogin() {
  const { t } = useTranslation();
  const endedReason = useBoardStore((state) => state.endedReason);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<BoardLoginRequest>({ resolver: zodResolver(boardLoginRequestSchema), defaultValues: { agentId: '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const { token, supervisor, policy } = await boardApi.login(values);
      boardStore.getState().loggedIn({ token, supervisor, policy });
    } catch (error) {
      setFailure(errorText(t, error));
      resetField('password');
    }
  });

  return (
    <main className="login">
      <form className="login-card" onSubmit={onSubmit} noValidate aria-busy={isSubmitting}>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {endedReason && <p role="status">{t('error.session-ended')}</p>}
        <label>
          {t('login.agentId')}
          <input data-testid="board-agent-id" inputMode="numeric" autoComplete="username" {...register('agentId')} />
        </label>
        {errors.agentId && <p className="field-error">{t('login.agentIdInvalid')}</p>}
        <label>
          {t('login.password')}
          <input data-testid="board-password" type="password" autoComplete="current-password" {...register('password')} />
        </label>
        {errors.password && <p className="field-error">{t('login.passwordRequired')}</p>}
        {failure && (
          <p role="alert" data-testid="board-login-error">
            {failure}
          </p>
        )}
        <button type="submit" data-testid="board-login" disabled={isSubmitting}>
          {isSubmitting ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
