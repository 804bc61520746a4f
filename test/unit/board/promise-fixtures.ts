import type { Handover, PromiseRecord } from '../../../src/contract';

/** 2026-12-01 10:00 in the center (UTC+8). */
export const T = Date.UTC(2026, 11, 1, 2, 0);
export const CHINA = 480;

export const agent = (agentId: string) => ({ agentId, name: `坐席${agentId}` });

export function promiseId(n: number): string {
  return `0192f000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

export function aPromise(n: number, overrides: Partial<PromiseRecord> = {}): PromiseRecord {
  const owner = overrides.owner ?? agent('1001');
  return {
    id: promiseId(n),
    callId: `0192f000-0000-7000-9000-${String(n).padStart(12, '0')}`,
    madeBy: owner,
    owner,
    dueAt: T + 60 * 60_000,
    madeAt: T - 60 * 60_000,
    disposition: 'complaint',
    summary: '宽带断线，答应两小时内回电',
    customerName: '王女士',
    customerContact: '13812345678',
    remoteNumber: '138****5678',
    status: 'open',
    kept: null,
    callbacks: [],
    pendingHandoverId: null,
    updatedAt: T - 60 * 60_000,
    history: [{ kind: 'made', at: T - 60 * 60_000, by: owner, text: '', callId: null }],
    ...overrides,
  };
}

export function kept(promise: PromiseRecord, at: number): PromiseRecord {
  return {
    ...promise,
    status: 'kept',
    kept: { at, by: promise.owner, note: '已回电' },
    updatedAt: at,
    history: [...promise.history, { kind: 'kept', at, by: promise.owner, text: '已回电', callId: null }],
  };
}

export function aHandover(n: number, overrides: Partial<Handover> = {}): Handover {
  return {
    id: `0192f000-0000-7000-a000-${String(n).padStart(12, '0')}`,
    from: agent('1001'),
    to: { kind: 'nextShift' },
    note: '夜班请跟进',
    items: [{ kind: 'promise', id: promiseId(1), note: '', title: '王女士：宽带断线', dueAt: T + 60 * 60_000, remoteNumber: '138****5678', open: true }],
    handedAt: T - 30 * 60_000,
    receivedAt: T - 30 * 60_000,
    status: 'pending',
    accepted: null,
    updatedAt: T - 30 * 60_000,
    ...overrides,
  };
}

export function accepted(handover: Handover, by: { agentId: string; name: string }, at: number): Handover {
  return { ...handover, status: 'accepted', accepted: { by, at }, updatedAt: at };
}
