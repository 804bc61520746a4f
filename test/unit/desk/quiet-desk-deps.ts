import type { DeskDependencies } from '../../../main/desk/desk';
import { DeskRecords } from '../../../main/desk/desk-records';
import { HistorySearch } from '../../../main/desk/history-search';
import type { DeskStore } from '../../../main/store/desk-store';
import type { LoginResponse } from '../../../src/contract/sync';
import type { ManualClock } from '../../../src/domain/clock';
import { FakePhone } from './fake-phone';

/**
 * What a unit-test Desk needs around it, quiet by default: a real store and records, no server
 * (sync does nothing, history searches only the local store), a fake phone, and every report
 * dropped. A test spreads over it what it watches (notices, faults, the phone's events).
 */
export function quietDeskDeps(store: DeskStore, clock: ManualClock, login: () => Promise<LoginResponse>): DeskDependencies {
  return {
    clock,
    records: new DeskRecords(store),
    login,
    logout: async () => ({ serverTime: clock.now() }),
    renewSip: () => new Promise(() => {}),
    sessionEndOf: () => null,
    attendanceToday: async () => null,
    reportActionOutcome: async () => {},
    createPhone: () => new FakePhone(),
    sync: { start: () => {}, stop: async () => {}, kick: () => {}, drain: async () => true },
    onSnapshot: () => {},
    onNotice: () => {},
    reportFault: () => {},
    history: new HistorySearch({
      sources: { local: (agentId, query) => store.history.search(agentId, query), server: () => Promise.reject(new Error('no server in this test')) },
      clock,
      serverTimeoutMs: 1_000,
      reportFault: () => {},
    }),
  };
}
