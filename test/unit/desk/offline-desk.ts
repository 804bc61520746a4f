import { Desk } from '../../../main/desk/desk';
import type { SoftphoneEvents } from '../../../main/phone/softphone';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { defaultPolicy } from '../../../src/contract/policy';
import type { PromisePerson } from '../../../src/contract/promises';
import { ManualClock } from '../../../src/domain/clock';
import { FakePhone } from './fake-phone';
import { quietDeskDeps } from './quiet-desk-deps';

/**
 * A real Desk on a real store at `path`, agent 1001 logged in, with no server (records wait in
 * the outbox) and a fake phone whose events the caller drives: what the kill -9 child processes run.
 */
export async function offlineDesk(path: string, colleagues: PromisePerson[] = []): Promise<{ desk: Desk; store: DeskStore; clock: ManualClock; phone: SoftphoneEvents; T0: number }> {
  const T0 = Date.UTC(2026, 11, 1, 2, 0);
  const clock = new ManualClock(T0);
  const store = openDeskStore(path);
  let events: SoftphoneEvents | undefined;
  const desk = new Desk({
    ...quietDeskDeps(store, clock, async () => ({
      token: 'session-token-of-1001',
      agent: { agentId: '1001', name: '王小明' },
      policy: defaultPolicy,
      dispositions: [],
      directory: [],
      colleagues,
      sip: { wsServer: 'ws://127.0.0.1:5066', aor: 'sip:1001@seatdesk.lab', authorizationUsername: '9999999999:1001', authorizationPassword: 'x', expiresAt: T0 + 3_600_000, displayName: '王小明' },
      serverTime: T0,
    })),
    createPhone: (_login, phoneEvents) => {
      events = phoneEvents;
      return new FakePhone();
    },
    // No server in this process: the records wait in the outbox.
    sync: { start: () => {}, stop: async () => {}, kick: () => {}, drain: async () => false },
  });
  await desk.login({ agentId: '1001', password: 'pw1001' });
  return { desk, store, clock, phone: events!, T0 };
}
