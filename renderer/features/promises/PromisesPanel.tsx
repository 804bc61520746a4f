import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskSnapshot, type KeepPromise, type PromiseView } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { canDialFrom } from '../dial/use-dial';
import { ariaKeyShortcuts } from '../shortcuts/desk-shortcuts';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { placeCallback, promiseList, type CommandFailure } from './promise-list';
import { PromiseRow } from './PromiseRow';
import { usePromiseReminders } from './use-promise-reminders';

/**
 * 我的承诺 (首问责任制, DOMAIN.md rule 3): the promises the agent owns, the soonest due first, with
 * how near each is at the desk's now; today's kept ones below, muted. Everything comes from main's
 * snapshot; a shortcut focuses the panel by its id (renderer/features/shortcuts).
 */
export function PromisesPanel({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  usePromiseReminders();
  const [dialling, setDialling] = useState(false);
  const policy = snapshot.policy ?? defaultPolicy;
  const utcOffsetMinutes = policy.shift.utcOffsetMinutes;
  const { open, kept, counts } = promiseList(snapshot.promises, policy.promiseRemindBeforeMs, now);
  const canCallBack = canDialFrom(snapshot.state, snapshot.call !== null) && !dialling;
  const agentId = snapshot.agent?.agentId ?? null;

  const callBack = useCallback(
    async (promise: PromiseView, number: string): Promise<CommandFailure | null> => {
      setDialling(true);
      try {
        return await placeCallback(desk, promise, number);
      } finally {
        setDialling(false);
      }
    },
    [desk],
  );
  const keep = useCallback((command: KeepPromise) => desk.keepPromise(command), [desk]);

  const row = (promise: PromiseView, urgency: ReturnType<typeof promiseList>['open'][number]['urgency'] | null) => (
    <PromiseRow
      key={promise.id}
      promise={promise}
      urgency={urgency}
      now={now}
      utcOffsetMinutes={utcOffsetMinutes}
      dispositions={snapshot.dispositions}
      agentId={agentId}
      canCallBack={canCallBack}
      onCallBack={callBack}
      keep={keep}
    />
  );

  return (
    <section id="promises-panel" tabIndex={-1} aria-keyshortcuts={ariaKeyShortcuts('openPromises')} className="promises card" aria-labelledby="promises-title" data-testid="promises">
      <div className="promises__title">
        <h2 id="promises-title">
          {t('promises.title')} <ShortcutHint id="openPromises" />
        </h2>
        <span className={`promises__counts${counts.overdue > 0 ? ' promises__counts--overdue' : ''}`} data-testid="promises-count" data-open={counts.open} data-overdue={counts.overdue}>
          {t('promises.counts', counts)}
        </span>
      </div>
      {open.length === 0 ? (
        <p className="muted" data-testid="promises-empty">
          {t('promises.empty')}
        </p>
      ) : (
        <ul className="promises__list" data-testid="promises-open">
          {open.map(({ promise, urgency }) => row(promise, urgency))}
        </ul>
      )}
      {kept.length > 0 && (
        <div className="promises__kept-section" data-testid="promises-kept">
          <h3 className="promises__subtitle muted">{t('promises.keptToday', { count: kept.length })}</h3>
          <ul className="promises__list promises__list--kept">{kept.map((promise) => row(promise, null))}</ul>
        </div>
      )}
    </section>
  );
}
