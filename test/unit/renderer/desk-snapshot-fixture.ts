import type { DeskSnapshot } from '../../../src/contract';

/** A signed-out snapshot made at `at`, with fields overridden per test. */
export function snapshotAt(at: number, overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  return {
    at,
    agent: null,
    loggingIn: false,
    sessionEnd: null,
    state: 'offline',
    stateSince: at,
    busyReason: null,
    registration: 'unregistered',
    registrationError: null,
    serverReachable: null,
    policy: null,
    dispositions: [],
    call: null,
    wrapUp: null,
    busy: null,
    pendingSync: 0,
    recentCalls: [],
    attendanceToday: null,
    directory: [],
    phrases: [],
    tickets: [],
    promises: [],
    handovers: { incoming: [], outgoing: [] },
    colleagues: [],
    ...overrides,
  };
}
