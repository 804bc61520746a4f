// Child process for promise-durability.test.ts: logs a desk in, takes a call, saves its wrap-up
// unresolved with a promised reply time through the desk's own command (the promise), and with
// `handover` also hands that promise to the next shift; reports the ids once the commands resolved,
// then hangs without closing the database, to be killed with SIGKILL.
import { v7 as uuidv7 } from 'uuid';
import { offlineDesk } from './offline-desk';

const [path, mode] = process.argv.slice(2);
if (!path || (mode !== 'wrap-up' && mode !== 'handover')) throw new Error('usage: promise-then-hang.child.ts <database path> wrap-up|handover');
const { desk, store, phone: events, T0 } = await offlineDesk(path, [{ agentId: '1002', name: '李华' }]);
const callId = uuidv7();
events.incoming({ callId, remoteNumber: '13812345678', remoteDisplayName: '张三' });
await desk.answer({ callId });
events.established(callId);
events.ended(callId, 'remote-hangup');
await desk.saveWrapUp({ callId, disposition: 'repair', summary: '宽带断线 😱', customerName: '张三', customerContact: '138 1234 5678', resolved: false, promisedReplyAt: T0 + 3_600_000 });
const promiseId = store.wrapUps.get(callId)!.id;
const handoverId =
  mode === 'handover' ? (await desk.handOver({ to: { kind: 'nextShift' }, note: '交班 😱', items: [{ kind: 'promise', id: promiseId, note: '下午回电' }] })).handoverId : null;
process.stdout.write(`${JSON.stringify({ callId, promiseId, handoverId })}\n`);
setInterval(() => {}, 60_000);
