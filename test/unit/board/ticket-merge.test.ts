import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/contract';
import { createBoardStore } from '../../../board/state/board-store';
import { openTicketCount, ticketQueue } from '../../../board/features/tickets/ticket-filter';

const T = Date.UTC(2026, 11, 1, 2, 0);
const supervisor = { agentId: '9001', name: '主管9001' };

function ticket(id: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id,
    agentId: '1001',
    agentName: '坐席1001',
    callId: null,
    severity: 'normal',
    content: '客户投诉',
    customerName: '张三',
    customerContact: '138',
    callAt: T - 60_000,
    remoteNumber: '138****5678',
    promisedReplyAt: null,
    raisedAt: T,
    receivedAt: T,
    status: 'new',
    assignee: null,
    reply: null,
    updatedAt: T,
    history: [{ kind: 'raised', at: T, by: { agentId: '1001', name: '坐席1001' }, text: '', assignee: null }],
    ...overrides,
  };
}

const ID = '0192f000-0000-7000-8000-000000000001';
const raised = ticket(ID);
const assigned = ticket(ID, {
  status: 'assigned',
  assignee: supervisor,
  updatedAt: T + 1_000,
  history: [...raised.history, { kind: 'assigned', at: T + 1_000, by: supervisor, text: '', assignee: supervisor }],
});
const answered = ticket(ID, {
  status: 'answered',
  assignee: supervisor,
  reply: { text: '已处理', by: supervisor, at: T + 2_000 },
  updatedAt: T + 2_000,
  history: [...assigned.history, { kind: 'replied', at: T + 2_000, by: supervisor, text: '已处理', assignee: null }],
});

describe("the board's tickets", () => {
  it('an older copy never replaces a newer one, whatever order the GET, the push and the POST answer arrive in', () => {
    const store = createBoardStore(null, () => T);
    store.getState().ticketsChanged([answered]);
    store.getState().ticketsChanged([assigned]);
    store.getState().ticketsChanged([raised]);
    expect(store.getState().tickets[ID]).toBe(answered);

    const other = createBoardStore(null, () => T);
    other.getState().ticketsChanged([raised]);
    other.getState().ticketsChanged([assigned]);
    other.getState().ticketsChanged([answered]);
    expect(other.getState().tickets[ID]).toBe(answered);
  });

  it('two changes in one millisecond: the copy with the longer history wins; an equal copy replaces it', () => {
    const store = createBoardStore(null, () => T);
    const sameMs = { ...answered, updatedAt: assigned.updatedAt };
    store.getState().ticketsChanged([sameMs]);
    store.getState().ticketsChanged([assigned]);
    expect(store.getState().tickets[ID]).toBe(sameMs);
    const copy = { ...sameMs };
    store.getState().ticketsChanged([copy]);
    expect(store.getState().tickets[ID]).toBe(copy);
  });

  it('nothing newer changes nothing: the map stays the same object (no re-render)', () => {
    const store = createBoardStore(null, () => T);
    store.getState().ticketsChanged([answered, ticket('0192f000-0000-7000-8000-000000000002')]);
    const before = store.getState().tickets;
    store.getState().ticketsChanged([raised]);
    expect(store.getState().tickets).toBe(before);
    expect(Object.keys(before)).toHaveLength(2);
  });

  it('signing out forgets the tickets', () => {
    const store = createBoardStore(null, () => T);
    store.getState().ticketsChanged([raised]);
    store.getState().loggedOut(null);
    expect(store.getState().tickets).toEqual({});
  });

  it('the queue: the filter’s tickets, emergencies first, then urgent, oldest first; open counts all but closed', () => {
    const tickets = [
      ticket('a', { receivedAt: T + 1 }),
      ticket('b', { severity: 'emergency', receivedAt: T + 5 }),
      ticket('c', { severity: 'urgent', receivedAt: T + 3, status: 'answered' }),
      ticket('d', { status: 'closed' }),
      ticket('e', { severity: 'emergency', receivedAt: T + 2, status: 'assigned' }),
    ];
    expect(ticketQueue(tickets, 'open').map((one) => one.id)).toEqual(['e', 'b', 'c', 'a']);
    expect(ticketQueue(tickets, 'closed').map((one) => one.id)).toEqual(['d']);
    expect(ticketQueue(tickets, 'new').map((one) => one.id)).toEqual(['b', 'a']);
    expect(openTicketCount(tickets)).toBe(4);
  });
});
