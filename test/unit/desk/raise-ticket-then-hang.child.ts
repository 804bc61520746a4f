// Child process for ticket-durability.test.ts: logs a desk in, raises an emergency ticket through
// the desk's own command, reports its id once the command resolved, then hangs without closing
// the database, to be killed with SIGKILL.
import { offlineDesk } from './offline-desk';

const path = process.argv[2];
if (!path) throw new Error('usage: raise-ticket-then-hang.child.ts <database path>');
const { desk } = await offlineDesk(path);
const { ticketId } = await desk.raiseTicket({ callId: null, severity: 'emergency', content: '紧急、重大事件：机房断电 😱', customerName: '', customerContact: '', promisedReplyAt: null });
process.stdout.write(`${JSON.stringify({ ticketId })}\n`);
setInterval(() => {}, 60_000);
