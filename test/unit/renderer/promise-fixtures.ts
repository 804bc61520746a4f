import type { HandoverView, PromiseView, TicketView } from '../../../src/contract';

const MINUTE = 60_000;
export { MINUTE };

/** 10:00 on the center's clock (UTC+8), 2026-12-01. */
export const NOW = Date.UTC(2026, 11, 1, 2, 0);

/** A valid UUID (v7 layout) with `n` as its last digits. */
export const uuid = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const ME = { agentId: '1001', name: '张敏' };
export const COLLEAGUE = { agentId: '1002', name: '李强' };

export function promise(n: number, overrides: Partial<PromiseView> = {}): PromiseView {
  return {
    id: uuid(n),
    callId: uuid(1000 + n),
    dueAt: NOW + 60 * MINUTE,
    customerName: `客户${n}`,
    customerContact: '',
    remoteNumber: '13812345678',
    disposition: 'repair',
    summary: `宽带断线 ${n}`,
    status: 'open',
    kept: null,
    callbacks: 0,
    pendingSync: false,
    handingOver: null,
    madeBy: ME,
    ...overrides,
  };
}

export function ticket(n: number, overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: uuid(2000 + n),
    callId: null,
    severity: 'normal',
    content: `疑难单 ${n}`,
    status: 'new',
    assignee: null,
    reply: null,
    raisedAt: NOW - 30 * MINUTE,
    updatedAt: null,
    ...overrides,
  };
}

export function handover(n: number, overrides: Partial<HandoverView> = {}): HandoverView {
  return {
    id: uuid(3000 + n),
    from: COLLEAGUE,
    to: 'nextShift',
    note: '报修单都已派工',
    items: [
      { kind: 'promise', id: uuid(4000 + n), note: '客户下午在家', title: '王先生 · 宽带断线', dueAt: NOW + 30 * MINUTE, remoteNumber: '13900001111', open: true },
      { kind: 'ticket', id: uuid(5000 + n), note: '', title: '投诉：多次上门未修好', dueAt: null, remoteNumber: '', open: false },
    ],
    handedAt: NOW - 10 * MINUTE,
    status: 'sent',
    ...overrides,
  };
}
