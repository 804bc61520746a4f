import { compareHistoryOrder, type DeskHistoryPage, type HistoryCall, type HistoryCursor, type HistoryPage, type HistoryQuery } from '../../src/contract/history';
import type { Clock } from '../../src/domain/clock';

/** Where the agent's history is: this desk's store, and the server's copy of every seat's records. */
export interface HistorySources {
  local(agentId: string, query: HistoryQuery): HistoryPage;
  server(token: string, agentId: string, query: HistoryQuery): Promise<HistoryPage>;
}

export interface HistorySearchOptions {
  sources: HistorySources;
  clock: Clock;
  /** How long a search waits for the server before it shows this desk's calls alone. */
  serverTimeoutMs: number;
  /** A server search that failed (not one that was only slow): for the log. */
  reportFault(where: string, error: unknown): void;
}

/**
 * The desk's `searchHistory`: the same query to this desk's store and to the server, one page
 * merged from both. Both answer in the history's order (newest offer, then call id) after the
 * same cursor, so the merged page is simply the first `pageSize` calls of the two pages together,
 * and its last call is where the next page starts on both sides: nothing is skipped or shown twice
 * across pages. A call both have is shown as this desk has it (it knows a draft, a wrap-up not yet
 * sent); a call only the server has was taken on another seat. Without the server (offline, too
 * slow, a session the server ended) the page is this desk's calls and says so.
 */
export class HistorySearch {
  constructor(private readonly options: HistorySearchOptions) {}

  /** `token`: the session's, or null when the server must not be asked (the session ended). */
  async search(agentId: string, token: string | null, query: HistoryQuery): Promise<DeskHistoryPage> {
    const local = this.options.sources.local(agentId, query);
    const server = token === null ? null : await this.fromServer(token, agentId, query);
    if (server === null) return { ...local, server: 'unavailable' };
    return { ...mergeHistoryPages(local, server, query.pageSize), server: 'included' };
  }

  private async fromServer(token: string, agentId: string, query: HistoryQuery): Promise<HistoryPage | null> {
    let timer: ReturnType<Clock['setTimeout']> | undefined;
    const tooSlow = new Promise<null>((resolve) => {
      timer = this.options.clock.setTimeout(() => resolve(null), this.options.serverTimeoutMs);
    });
    const asked = this.options.sources.server(token, agentId, query).catch((error: unknown) => {
      this.options.reportFault('history search on the server', error);
      return null;
    });
    try {
      return await Promise.race([asked, tooSlow]);
    } finally {
      this.options.clock.clearTimeout(timer);
    }
  }
}

/** The first `pageSize` calls of two pages of the same search (see HistorySearch); `local`'s row wins for a call in both. */
export function mergeHistoryPages(local: HistoryPage, server: HistoryPage, pageSize: number): HistoryPage {
  const byCall = new Map<string, HistoryCall>();
  for (const call of [...server.calls, ...local.calls]) byCall.set(call.callId.toLowerCase(), call);
  const ordered = [...byCall.values()].sort((a, b) => compareHistoryOrder(placeOf(a), placeOf(b)));
  const calls = ordered.slice(0, pageSize);
  const more = ordered.length > pageSize || local.nextCursor !== null || server.nextCursor !== null;
  const last = calls.at(-1);
  return { calls, nextCursor: more && last ? placeOf(last) : null };
}

function placeOf(call: HistoryCall): HistoryCursor {
  return { offeredAt: call.offeredAt, callId: call.callId.toLowerCase() };
}
