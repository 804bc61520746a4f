import type { Handover, HandoverItem } from '../../../src/contract/handovers';
import type { PromisePerson, PromiseRecord } from '../../../src/contract/promises';

export const WANG: PromisePerson = { agentId: '1001', name: '王小明' };
export const LI: PromisePerson = { agentId: '1002', name: '李华' };
export const ZHAO: PromisePerson = { agentId: '1003', name: '赵敏' };

/**
 * The server's state of a promise (src/contract/promises.ts) as the server half would send it:
 * made by `madeBy`, owned by `owner`, at `updatedAt`.
 */
export function serverPromise(
  id: string,
  change: {
    callId: string;
    dueAt: number;
    updatedAt: number;
    madeBy?: PromisePerson;
    owner?: PromisePerson;
    status?: 'open' | 'kept';
    kept?: { at: number; note: string };
    pendingHandoverId?: string | null;
    customerName?: string;
    remoteNumber?: string;
    callbacks?: { callId: string; at: number }[];
  },
): PromiseRecord {
  const madeBy = change.madeBy ?? WANG;
  const owner = change.owner ?? madeBy;
  const madeAt = change.dueAt - 86_400_000;
  const history: PromiseRecord['history'] = [{ kind: 'made', at: madeAt, by: madeBy, text: '', callId: null }];
  if (owner.agentId !== madeBy.agentId) history.push({ kind: 'accepted', at: change.updatedAt, by: owner, text: '', callId: null });
  const kept = change.status === 'kept' ? { at: change.kept?.at ?? change.updatedAt, by: owner, note: change.kept?.note ?? '已回复' } : null;
  if (kept) history.push({ kind: 'kept', at: kept.at, by: owner, text: kept.note, callId: null });
  return {
    id,
    callId: change.callId,
    madeBy,
    owner,
    dueAt: change.dueAt,
    madeAt,
    disposition: 'repair',
    summary: '宽带断线，已登记报修',
    customerName: change.customerName ?? '张三',
    customerContact: '138 1234 5678',
    remoteNumber: change.remoteNumber ?? '13812345678',
    status: change.status ?? 'open',
    kept,
    callbacks: change.callbacks ?? [],
    pendingHandoverId: change.pendingHandoverId ?? null,
    updatedAt: change.updatedAt,
    history,
  };
}

export function anItem(kind: 'promise' | 'ticket', id: string, overrides: Partial<HandoverItem> = {}): HandoverItem {
  return { kind, id, note: '客户下午在家', title: '张三 宽带断线', dueAt: null, remoteNumber: '13812345678', open: true, ...overrides };
}

/** The server's state of a handover (src/contract/handovers.ts). */
export function serverHandover(
  id: string,
  change: { from: PromisePerson; to: PromisePerson | 'nextShift'; items: HandoverItem[]; handedAt: number; updatedAt: number; accepted?: { by: PromisePerson; at: number } },
): Handover {
  return {
    id,
    from: change.from,
    to: change.to === 'nextShift' ? { kind: 'nextShift' } : { kind: 'agent', agent: change.to },
    note: '交班：两件待回复',
    items: change.items,
    handedAt: change.handedAt,
    receivedAt: change.handedAt + 20,
    status: change.accepted ? 'accepted' : 'pending',
    accepted: change.accepted ?? null,
    updatedAt: change.updatedAt,
  };
}
