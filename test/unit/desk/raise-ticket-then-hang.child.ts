// Child process for ticket-durability.test.ts: logs a desk in, raises an emergency ticket through
// the desk's own command, reports its id once the command resolved, then hangs without closing
// the database, to be killed with SIGKILL.
import { Desk } from '../../../main/desk/desk';
import { DeskRecords } from '../../../main/desk/desk-records';
import { HistorySearch } from '../../../main/desk/history-search';
import { openDeskStore } from '../../../main/store/desk-store';
import { defaultPolicy } from '../../../src/contract/policy';
import { ManualClock } from '../../../src/domain/clock';
import { FakePhone } from './fake-phone';

const path = process.argv[2];
if (!path) throw new Error('usage: raise-ticket-then-hang.child.ts <database path>');
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const clock = new ManualClock(T0);
const store = openDeskStore(path);
const desk = new Desk({
  clock,
  records: new DeskRecords(store),
  login: async () => ({
    token: 'session-token-of-1001',
    agent: { agentId: '1001', name: '王小明' },
    policy: defaultPolicy,
    dispositions: [],
    directory: [],
    colleagues: [],
    sip: { wsServer: 'ws://127.0.0.1:5066', aor: 'sip:1001@seatdesk.lab', authorizationUsername: '9999999999:1001', authorizationPassword: 'x', expiresAt: T0 + 3_600_000, displayName: '王小明' },
    serverTime: T0,
  }),
  logout: async () => ({ serverTime: T0 }),
  renewSip: () => new Promise(() => {}),
  sessionEndOf: () => null,
  attendanceToday: async () => null,
  reportActionOutcome: async () => {},
  createPhone: () => new FakePhone(),
  // No server in this process: the records wait in the outbox.
  sync: { start: () => {}, stop: async () => {}, kick: () => {}, drain: async () => false },
  onSnapshot: () => {},
  onNotice: () => {},
  reportFault: () => {},
  history: new HistorySearch({ sources: { local: (agentId, query) => store.history.search(agentId, query), server: () => Promise.reject(new Error('no server')) }, clock, serverTimeoutMs: 1_000, reportFault: () => {} }),
});
await desk.login({ agentId: '1001', password: 'pw1001' });
const { ticketId } = await desk.raiseTicket({ callId: null, severity: 'emergency', content: '紧急、重大事件：机房断电 😱', customerName: '', customerContact: '', promisedReplyAt: null });
process.stdout.write(`${JSON.stringify({ ticketId })}\n`);
setInterval(() => {}, 60_000);
