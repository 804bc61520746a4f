import { useCallback } from 'react';
import { deskStore } from '../state/desk-store';
import { errorCode } from './error-code';

/**
 * Runs a desk command and turns a failure into a toast. The result of a command shows up as a
 * new snapshot, so most callers ignore the return value.
 */
export function useDeskCommand(): <T>(command: () => Promise<T>) => Promise<T | undefined> {
  return useCallback(async <T,>(command: () => Promise<T>) => {
    try {
      return await command();
    } catch (error) {
      deskStore.getState().pushNotice({ level: 'error', code: errorCode(error) });
      return undefined;
    }
  }, []);
}
