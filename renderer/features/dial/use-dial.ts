import { useCallback, useState } from 'react';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';

export interface Dialler {
  /** Places an outbound call; resolves true once main has it (the call then shows in the snapshot). */
  dial(number: string): Promise<boolean>;
  /** A dial request is on its way: one at a time. */
  dialling: boolean;
}

export function useDial(): Dialler {
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const [dialling, setDialling] = useState(false);
  const dial = useCallback(
    async (number: string) => {
      setDialling(true);
      try {
        return (await run(() => desk.dial({ number }))) !== undefined;
      } finally {
        setDialling(false);
      }
    },
    [desk, run],
  );
  return { dial, dialling };
}

/** Outbound calls (回访) are placed from ready or busy, never over another call or during wrap-up. */
export function canDialFrom(state: string, inCall: boolean): boolean {
  return !inCall && (state === 'ready' || state === 'busy');
}
