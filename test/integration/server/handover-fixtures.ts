import { v7 as uuidv7 } from 'uuid';
import type { BoardMessage, Handover, LiveMessage, PromiseRecord, SyncRecord, Ticket } from '../../../src/contract';

type PromiseStepRecord = Extract<SyncRecord, { kind: 'promiseStep' }>;
type HandoverRecord = Extract<SyncRecord, { kind: 'handover' }>;

/** A step the owner's desk reports on a promise (src/contract/promises.ts). */
export function promiseStepRecord(
  agentId: string,
  promiseId: string,
  occurredAt: number,
  step: { kind: 'calledBack'; callId?: string | null } | { kind: 'kept'; note: string },
): PromiseStepRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'promiseStep',
    occurredAt,
    payload:
      step.kind === 'calledBack'
        ? { promiseId, step: 'calledBack', callId: step.callId === undefined ? uuidv7() : step.callId, note: '' }
        : { promiseId, step: 'kept', callId: null, note: step.note },
  };
}

/** A shift handover (src/contract/handovers.ts) to a named colleague (a 工号) or to the next shift. */
export function handoverRecord(
  agentId: string,
  occurredAt: number,
  to: string | 'nextShift',
  items: Array<{ kind: 'promise' | 'ticket'; id: string; note?: string }>,
  note = '下班交接，请跟进',
): HandoverRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'handover',
    occurredAt,
    payload: {
      to: to === 'nextShift' ? { kind: 'nextShift' } : { kind: 'agent', agentId: to },
      note,
      items: items.map((item) => ({ kind: item.kind, id: item.id, note: item.note ?? `${item.kind} 备注` })),
    },
  };
}

/** The frames about one promise / handover / ticket a socket received, in order. */
export const promiseFrames = (messages: ReadonlyArray<LiveMessage | BoardMessage>, id: string): PromiseRecord[] =>
  messages.flatMap((message) => (message.topic === 'promise' && message.promise.id === id ? [message.promise] : []));
export const handoverFrames = (messages: ReadonlyArray<LiveMessage | BoardMessage>, id: string): Handover[] =>
  messages.flatMap((message) => (message.topic === 'handover' && message.handover.id === id ? [message.handover] : []));
export const ticketFrames = (messages: ReadonlyArray<LiveMessage | BoardMessage>, id: string): Ticket[] =>
  messages.flatMap((message) => (message.topic === 'ticket' && message.ticket.id === id ? [message.ticket] : []));
