// Child process for durability.test.ts: saves a call and its wrap-up, reports the ids, then hangs
// without closing the database, to be killed with SIGKILL.
import { openDeskStore } from '../../../main/store/desk-store';
import { AGENT, aCall, aWrapUp, T0 } from './fixtures';

const path = process.argv[2];
if (!path) throw new Error('usage: save-then-hang.child.ts <database path>');
const store = openDeskStore(path);
const call = aCall();
store.calls.recordFinished(AGENT, call, T0);
const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId), T0 + 1);
process.stdout.write(`${JSON.stringify({ callId: call.callId, recordId })}\n`);
setInterval(() => {}, 60_000);
