import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import type { Ticket } from '../../../src/contract/tickets';
import { useLabForSuite } from '../../support/lab-suite';
import type { LabSessions } from '../../support/node-desk';

/**
 * Escalation tickets between a real desk (Node, SQLite) and the lab's central server (PGlite):
 * the ticket the agent raised reaches the server; a supervisor's reply is pushed live, and one
 * given while the agent was logged out is caught up at the next login (GET
 * /v1/agents/:agentId/tickets?since=) and announced.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => ({ lab, sessions } = suite));

async function boardToken(): Promise<string> {
  const reply = await fetch(`${lab.server.url}/v1/board/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: '9001', password: 'pw9001' }) });
  expect(reply.ok).toBe(true);
  return ((await reply.json()) as { token: string }).token;
}

async function supervisorReplies(token: string, ticketId: string, text: string): Promise<Ticket> {
  const reply = await fetch(`${lab.server.url}/v1/board/tickets/${ticketId}/reply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { ticket: Ticket }).ticket;
}

describe('escalation tickets between the desk and the server', () => {
  it('a reply is pushed live; one given while the agent was away is caught up at the next login and announced', async () => {
    const desk = await sessions.loggedInDesk('1004');
    const { ticketId } = await desk.runtime.desk.raiseTicket({ callId: null, severity: 'urgent', content: '客户要求主管回电', customerName: '赵六', customerContact: '137 0000 0024', promisedReplyAt: null });
    await vi.waitFor(() => expect(desk.latest().tickets.find((ticket) => ticket.id === ticketId)?.status).toBe('new'), { timeout: 10_000 });

    const token = await boardToken();
    await supervisorReplies(token, ticketId, '今天下午三点前回电');
    await vi.waitFor(() => expect(desk.latest().tickets.find((ticket) => ticket.id === ticketId)).toMatchObject({ status: 'answered', reply: { text: '今天下午三点前回电' } }), { timeout: 10_000 });
    expect(desk.notices).toContainEqual(expect.objectContaining({ code: 'ticket-replied', params: expect.objectContaining({ text: '今天下午三点前回电' }) }));

    await desk.runtime.desk.logout();
    const answered = await supervisorReplies(token, ticketId, '补充：已改为明早九点');
    const noticesBefore = desk.notices.length;
    await desk.runtime.desk.login({ agentId: '1004', password: 'pw1004' });
    await vi.waitFor(() => expect(desk.latest().tickets.find((ticket) => ticket.id === ticketId)).toMatchObject({ reply: { text: '补充：已改为明早九点' }, updatedAt: answered.updatedAt }), { timeout: 10_000 });
    expect(desk.notices.slice(noticesBefore)).toContainEqual(expect.objectContaining({ code: 'ticket-replied' }));
  });
});
