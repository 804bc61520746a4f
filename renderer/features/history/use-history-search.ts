import { useEffect, useState } from 'react';
import type { DeskHistoryPage, HistoryCursor, HistoryQuery } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';

/** A search the agent started: `id` is new each time, so searching again starts again at page 1. */
export interface HistorySearchRequest {
  id: number;
  query: HistoryQuery;
}

export interface HistorySearchState {
  page: DeskHistoryPage | null;
  /** 1 for the first page. */
  pageNumber: number;
  loading: boolean;
  failed: boolean;
  next(): void;
  previous(): void;
}

/**
 * Runs a history search page by page with main's `searchHistory` (the query's own cursor is
 * ignored). The pages are kept as the cursors they start after, so going back is exact. The page
 * shown is read again whenever `refreshKey` changes (a call ended, a wrap-up was saved, a survey
 * result came), so the history stays live; an answer that comes too late for the search or page
 * shown is dropped.
 */
export function useHistorySearch(request: HistorySearchRequest, refreshKey: string): HistorySearchState {
  const { desk } = useDeskServices();
  const [paging, setPaging] = useState<{ id: number; cursors: Array<HistoryCursor | null> }>({ id: request.id, cursors: [null] });
  const cursors = paging.id === request.id ? paging.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const [answer, setAnswer] = useState<{ page: DeskHistoryPage | null; loading: boolean; failed: boolean }>({ page: null, loading: true, failed: false });
  const cursorKey = cursor === null ? '' : `${cursor.offeredAt}:${cursor.callId}`;

  useEffect(() => {
    let current = true;
    setAnswer((shown) => ({ ...shown, loading: true }));
    desk.searchHistory({ ...request.query, cursor }).then(
      (page) => current && setAnswer({ page, loading: false, failed: false }),
      // Logged out meanwhile, or main restarting: the rows shown stay, and the next change reads again.
      () => current && setAnswer((shown) => ({ ...shown, loading: false, failed: true })),
    );
    return () => {
      current = false;
    };
    // The cursor by value (cursorKey): it is a new object on every render.
  }, [desk, request, cursorKey, refreshKey]);

  return {
    ...answer,
    pageNumber: cursors.length,
    next: () => {
      const nextCursor = answer.page?.nextCursor;
      if (nextCursor) setPaging({ id: request.id, cursors: [...cursors, nextCursor] });
    },
    previous: () => {
      if (cursors.length > 1) setPaging({ id: request.id, cursors: cursors.slice(0, -1) });
    },
  };
}
