import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { aTicketPayload, serverTicket } from '../../support/ticket-fixtures';
import { AGENT, OTHER_AGENT, T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
const opened: DeskStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});
function openStore(path = ':memory:'): DeskStore {
  const store = openDeskStore(path);
  opened.push(store);
  return store;
}

describe('TicketsRepo', () => {
  it('commits the raised ticket with its outbox row: on disk, pending, when raise returns', () => {
    const path = tempPath();
    const store = openDeskStore(path);
    const payload = aTicketPayload({ severity: 'urgent' });
    const { ticketId } = store.tickets.raise(AGENT, payload, T0);
    store.close();

    const reopened = openStore(path);
    expect(reopened.tickets.get(ticketId)).toEqual({ id: ticketId, agentId: AGENT, ownerId: AGENT, payload, raisedAt: T0, server: null });
    expect(reopened.outbox.get(ticketId)).toMatchObject({ record: { id: ticketId, agentId: AGENT, kind: 'ticket', occurredAt: T0, payload }, ackedAt: null });
    expect(reopened.outbox.pendingCount(AGENT)).toBe(1);
  });

  it('refuses content over the 20,000-character cap (here 1 MB) with a clear error, and keeps nothing', () => {
    const store = openStore();
    const huge = '疑'.repeat(1_000_000);
    expect(() => store.tickets.raise(AGENT, aTicketPayload({ content: huge }), T0)).toThrow(
      expect.objectContaining({ code: 'invalid-record', message: expect.stringMatching(/content: .*20000/) }),
    );
    expect(() => store.tickets.raise(AGENT, aTicketPayload({ content: '' }), T0)).toThrow(expect.objectContaining({ code: 'invalid-record' }));
    expect(store.tickets.list(AGENT)).toEqual([]);
    expect(store.outbox.pendingCount(AGENT)).toBe(0);
  });

  it('keeps hostile content exactly: quotes, SQL and JSON syntax, emoji, CJK, control characters', () => {
    const store = openStore();
    const content = fc.string({ unit: fc.constantFrom('"', "'", '\\', ';', '--', '{', '}', '\u0000', '\n', '😀', '👨‍👩‍👧', '疑', '難', 'a', ' ', '\u202e'), minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(content, fc.constantFrom('normal', 'urgent', 'emergency'), (text, severity) => {
        const payload = aTicketPayload({ content: text, severity, customerName: text.slice(0, 128) });
        const { ticketId } = store.tickets.raise(AGENT, payload, T0);
        expect(store.tickets.get(ticketId)?.payload).toEqual(payload);
        expect(store.outbox.get(ticketId)?.record.payload).toEqual(payload);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the server’s state only when newer: a late catch-up never undoes a reply', () => {
    const store = openStore();
    const payload = aTicketPayload();
    const { ticketId } = store.tickets.raise(AGENT, payload, T0);
    const assigned = serverTicket(ticketId, AGENT, payload, T0, { status: 'assigned', updatedAt: T0 + 1_000 });
    const answered = serverTicket(ticketId, AGENT, payload, T0, { status: 'answered', updatedAt: T0 + 2_000, reply: '已安排师傅明天上门' });

    expect(store.tickets.applyServerState(answered)).toBe(true);
    expect(store.tickets.applyServerState(assigned)).toBe(false);
    expect(store.tickets.applyServerState(answered)).toBe(false);
    expect(store.tickets.get(ticketId)?.server).toEqual(answered);
    expect(store.tickets.newestServerUpdate(AGENT)).toBe(T0 + 2_000);
    // The payload the agent wrote stays as raised.
    expect(store.tickets.get(ticketId)?.payload).toEqual(payload);
  });

  it('adds a ticket the agent raised on another seat, and never takes one of another agent over', () => {
    const store = openStore();
    const payload = aTicketPayload({ content: '在另一座席提交' });
    const elsewhere = serverTicket('0190d6d2-6b7e-7c2d-9d0e-000000000001', AGENT, payload, T0, { status: 'new', updatedAt: T0 + 5 });
    expect(store.tickets.applyServerState(elsewhere)).toBe(true);
    expect(store.tickets.list(AGENT)).toEqual([{ id: elsewhere.id, agentId: AGENT, ownerId: AGENT, payload, raisedAt: T0, server: elsewhere }]);

    const { ticketId } = store.tickets.raise(OTHER_AGENT, payload, T0);
    expect(store.tickets.applyServerState(serverTicket(ticketId, AGENT, payload, T0, { status: 'closed', updatedAt: T0 + 9 }))).toBe(false);
    expect(store.tickets.get(ticketId)?.server).toBeNull();
  });

  it('lists the agent’s tickets open first (pending ones too), newest first', () => {
    const store = openStore();
    const raise = (at: number) => store.tickets.raise(AGENT, aTicketPayload({ content: `at ${at}` }), at).ticketId;
    const oldClosed = raise(T0);
    const oldOpen = raise(T0 + 1);
    const newClosed = raise(T0 + 2);
    const pending = raise(T0 + 3);
    store.tickets.raise(OTHER_AGENT, aTicketPayload(), T0 + 4);
    const close = (id: string, at: number) => store.tickets.applyServerState(serverTicket(id, AGENT, aTicketPayload({ content: `at ${at}` }), at, { status: 'closed', updatedAt: T0 + 10 }));
    close(oldClosed, T0);
    close(newClosed, T0 + 2);
    store.tickets.applyServerState(serverTicket(oldOpen, AGENT, aTicketPayload({ content: `at ${T0 + 1}` }), T0 + 1, { status: 'assigned', updatedAt: T0 + 10 }));
    expect(store.tickets.list(AGENT).map((ticket) => ticket.id)).toEqual([pending, oldOpen, newClosed, oldClosed]);
  });
});
