// Child process for promise-durability.test.ts: logs a desk in, takes a call, saves its wrap-up
// unresolved with a promised reply time through the desk's own command (the promise), and with
// `handover` also hands that promise to the next shift; reports the ids once the commands resolved,
// then hangs without closing the database, to be killed with SIGKILL.
import { v7 as uuidv7 } from 'uuid';
import { Desk } from '../../../main/desk/desk';
import { DeskRecords } from '../../../main/desk/desk-records';
import { HistorySearch } from '../../../main/desk/history-search';
import type { SoftphoneEvents } from '../../../main/phone/softphone';
import { openDeskStore } from '../../../main/store/desk-store';
import { defaultPolicy } from '../../../src/contract/policy';
import { ManualClock } from '../../../src/domain/clock';
import { FakePhone } from './fake-phone';

const [path, mode] = process.argv.slice(2);
if (!path || (mode !== 'wrap-up' && mode !== 'handover')) throw new Error('usage: promise-then-hang.child.ts <database path> wrap-up|handover');
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const clock = new ManualClock(T0);
const store = openDeskStore(path);
let events: SoftphoneEvents | undefined;
const desk = new Desk({
  clock,
  records: new DeskRecords(store),
  login: async () => ({
    token: 'session-token-of-1001',
    agent: { agentId: '1001', name: '王小明' },
    policy: defaultPolicy,
    dispositions: [],
    directory: [],
    colleagues: [{ agentId: '1002', name: '李华' }],
    sip: { wsServer: 'ws://127.0.0.1:5066', aor: 'sip:1001@seatdesk.lab', authorizationUsername: '9999999999:1001', authorizationPassword: 'x', expiresAt: T0 + 3_600_000, displayName: '王小明' },
    serverTime: T0,
  }),
  logout: async () => ({ serverTime: T0 }),
  renewSip: () => new Promise(() => {}),
  sessionEndOf: () => null,
  attendanceToday: async () => null,
  reportActionOutcome: async () => {},
  createPhone: (_login, phoneEvents) => {
    events = phoneEvents;
    return new FakePhone();
  },
  // No server in this process: the records wait in the outbox.
  sync: { start: () => {}, stop: async () => {}, kick: () => {}, drain: async () => false },
  onSnapshot: () => {},
  onNotice: () => {},
  reportFault: () => {},
  history: new HistorySearch({ sources: { local: (agentId, query) => store.history.search(agentId, query), server: () => Promise.reject(new Error('no server')) }, clock, serverTimeoutMs: 1_000, reportFault: () => {} }),
});
await desk.login({ agentId: '1001', password: 'pw1001' });
const callId = uuidv7();
events!.incoming({ callId, remoteNumber: '13812345678', remoteDisplayName: '张三' });
await desk.answer({ callId });
events!.established(callId);
events!.ended(callId, 'remote-hangup');
await desk.saveWrapUp({ callId, disposition: 'repair', summary: '宽带断线 😱', customerName: '张三', customerContact: '138 1234 5678', resolved: false, promisedReplyAt: T0 + 3_600_000 });
const promiseId = store.wrapUps.get(callId)!.id;
const handoverId =
  mode === 'handover' ? (await desk.handOver({ to: { kind: 'nextShift' }, note: '交班 😱', items: [{ kind: 'promise', id: promiseId, note: '下午回电' }] })).handoverId : null;
process.stdout.write(`${JSON.stringify({ callId, promiseId, handoverId })}\n`);
setInterval(() => {}, 60_000);
