import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { WrapUpDraft } from '../../../src/contract';
import { systemClock } from '../../../src/domain/clock';
import { useDeskServices } from '../../shared/desk-services';
import { errorCode } from '../../shared/error-code';
import { DraftAutosaver, type AutosaveStatus } from './draft-autosave';
import { fromWrapUpDraft, toWrapUpDraft } from './wrap-up-draft';
import type { WrapUpFormValues } from './wrap-up-form';

/** loading: reading main's draft (the form waits, so typing cannot race the restore); failed: could not read it. */
export type DraftLoad = 'loading' | 'ready' | 'failed';

export interface WrapUpDraftState {
  load: DraftLoad;
  retryLoad(): void;
  status: AutosaveStatus;
  /** Saves the pending draft now (before the final save, or when the wrap-up time ends). */
  flush(): Promise<void>;
  /** Forgets pending changes: the final record is saved. */
  discard(): void;
}

/**
 * Keeps a wrap-up form's draft in main (DOMAIN.md rule 3: a draft is never lost): restores it
 * when the form opens, saves as the agent types, and saves at once when the form goes away.
 * While the draft cannot be read the form stays locked, so an empty form never overwrites it.
 */
export function useWrapUpDraft(callId: string, form: Pick<UseFormReturn<WrapUpFormValues>, 'watch' | 'getValues' | 'reset'>, utcOffsetMinutes: number): WrapUpDraftState {
  const { desk } = useDeskServices();
  const { watch, getValues, reset } = form;
  const [load, setLoad] = useState<DraftLoad>('loading');
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const [autosaver] = useState(
    () =>
      new DraftAutosaver<WrapUpDraft>({
        save: (draft) => desk.saveWrapUpDraft(draft),
        clock: systemClock,
        onStatus: setStatus,
        // Retry while the link to main is down; an answer from main (a refusal) is final.
        shouldRetry: (error) => errorCode(error) === 'desk-unreachable',
      }),
  );
  const loaded = useRef(false);

  useEffect(() => {
    let current = true;
    setLoad('loading');
    desk.getWrapUpDraft({ callId }).then(
      (draft) => {
        if (!current) return;
        if (draft) reset(fromWrapUpDraft(draft, utcOffsetMinutes));
        loaded.current = true;
        setLoad('ready');
      },
      () => current && setLoad('failed'),
    );
    return () => {
      current = false;
    };
  }, [desk, callId, reset, loadAttempt, utcOffsetMinutes]);

  useEffect(() => {
    // Only the agent's own edits are saved: a restore (reset) is not a change.
    const subscription = watch((_values, { type }) => {
      if (type === 'change' && loaded.current) autosaver.change(toWrapUpDraft(callId, getValues(), utcOffsetMinutes));
    });
    return () => subscription.unsubscribe();
  }, [watch, getValues, autosaver, callId, utcOffsetMinutes]);

  useEffect(() => () => void autosaver.flush(), [autosaver]);

  return {
    load,
    retryLoad: useCallback(() => setLoadAttempt((attempt) => attempt + 1), []),
    status,
    flush: useCallback(() => autosaver.flush(), [autosaver]),
    discard: useCallback(() => autosaver.cancel(), [autosaver]),
  };
}
