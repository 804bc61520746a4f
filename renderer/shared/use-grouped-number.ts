import { useCallback } from 'react';
import { groupNumber } from '../features/ringing/group-number';
import { useDeskStore } from '../state/desk-store';

/** Formats numbers with the grouping the agent chose in the settings (every place a number is shown uses this). */
export function useGroupedNumber(): (raw: string) => string {
  const grouping = useDeskStore((state) => state.settings.numberGrouping);
  return useCallback((raw: string) => groupNumber(raw, grouping), [grouping]);
}
