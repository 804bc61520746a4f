import type { Handover, PromisePerson, PromiseRecord } from '../../../src/contract';
import { localDateOf } from '../../../src/domain/local-time';
import { promiseUrgency, type PromiseUrgency } from '../../../src/domain/promise-reminders';

/** An open promise as the board shows it at `now`. */
export interface PromiseRow {
  promise: PromiseRecord;
  urgency: PromiseUrgency;
}

/** One agent's open promises (首问责任制: the owner answers for them), due first. */
export interface AgentPromises {
  agent: PromisePerson;
  rows: PromiseRow[];
  overdueCount: number;
  /** The earliest reply time among the overdue ones; null when none is overdue. */
  oldestOverdueAt: number | null;
}

export function openPromises(promises: Readonly<Record<string, PromiseRecord>>): PromiseRecord[] {
  return Object.values(promises).filter((promise) => promise.status === 'open');
}

/** How many open promises are overdue at `now` (the tab's badge). */
export function overduePromiseCount(promises: readonly PromiseRecord[], remindBeforeMs: number, now: number): number {
  return promises.filter((promise) => promise.status === 'open' && promiseUrgency(promise.dueAt, remindBeforeMs, now) === 'overdue').length;
}

/**
 * The open promises by owner at `now`: agents with overdue promises first, the one overdue longest
 * on top; then the others by their next reply time; 工号 breaks ties. Each agent's promises by reply time.
 */
export function promisesByAgent(promises: readonly PromiseRecord[], remindBeforeMs: number, now: number): AgentPromises[] {
  const byAgent = new Map<string, AgentPromises>();
  for (const promise of promises) {
    if (promise.status !== 'open') continue;
    const urgency = promiseUrgency(promise.dueAt, remindBeforeMs, now);
    let group = byAgent.get(promise.owner.agentId);
    if (!group) {
      group = { agent: promise.owner, rows: [], overdueCount: 0, oldestOverdueAt: null };
      byAgent.set(promise.owner.agentId, group);
    }
    group.rows.push({ promise, urgency });
    if (urgency === 'overdue') {
      group.overdueCount += 1;
      group.oldestOverdueAt = group.oldestOverdueAt === null ? promise.dueAt : Math.min(group.oldestOverdueAt, promise.dueAt);
    }
  }
  const groups = [...byAgent.values()];
  for (const group of groups) group.rows.sort((a, b) => a.promise.dueAt - b.promise.dueAt || a.promise.id.localeCompare(b.promise.id));
  const firstDue = (group: AgentPromises) => group.oldestOverdueAt ?? group.rows[0]?.promise.dueAt ?? Number.POSITIVE_INFINITY;
  return groups.sort(
    (a, b) => Number(b.overdueCount > 0) - Number(a.overdueCount > 0) || firstDue(a) - firstDue(b) || a.agent.agentId.localeCompare(b.agent.agentId),
  );
}

/** Handovers nobody has accepted yet, the one waiting longest first. */
export function pendingHandovers(handovers: Readonly<Record<string, Handover>>): Handover[] {
  return Object.values(handovers)
    .filter((handover) => handover.status === 'pending')
    .sort((a, b) => handoverGivenAt(a) - handoverGivenAt(b) || a.id.localeCompare(b.id));
}

/**
 * When a handover was given, as far as the board can tell: the desk's time, unless the desk's
 * clock is ahead of the server's (then the server's receipt). A handover written offline waited
 * from when it was written.
 */
export function handoverGivenAt(handover: Handover): number {
  return Math.min(handover.handedAt, handover.receivedAt);
}

/** How long a pending handover has waited at `now` (server clock). */
export function handoverWaitMs(handover: Handover, now: number): number {
  return Math.max(0, now - handoverGivenAt(handover));
}

/**
 * The accepted handovers of a center date: given (by the desk's or the server's clock) or accepted
 * that day, so a night shift's handover accepted after midnight shows on both days. Last accepted first.
 */
export function acceptedHandoversOn(handovers: Readonly<Record<string, Handover>>, date: string, utcOffsetMinutes: number): Handover[] {
  return Object.values(handovers)
    .filter(
      (handover): handover is Handover & { accepted: NonNullable<Handover['accepted']> } =>
        handover.status === 'accepted' &&
        handover.accepted !== null &&
        [handover.handedAt, handover.receivedAt, handover.accepted.at].some((at) => localDateOf(at, utcOffsetMinutes) === date),
    )
    .sort((a, b) => b.accepted.at - a.accepted.at || a.id.localeCompare(b.id));
}
