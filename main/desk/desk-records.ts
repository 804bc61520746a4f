import { v7 as uuidv7 } from 'uuid';
import type { RecentCall, SaveWrapUp, WrapUpDraft } from '../../src/contract/desk';
import type { PhraseBook } from '../../src/contract/phrases';
import type { Disposition, Policy } from '../../src/contract/policy';
import type { AttendancePayload, CallPayload, LoginResponse, SyncRecord, TicketPayload } from '../../src/contract/sync';
import type { Ticket } from '../../src/contract/tickets';
import type { AgentRecord } from '../../src/domain';
import type { ServerSurveyResult } from '../../src/contract/survey';
import type { TodayFigures } from '../../src/contract/today';
import type { DeskStore } from '../store/desk-store';
import type { StoredTicket } from '../store/tickets-repo';
import type { Handover, HandoverItem } from '../../src/contract/handovers';
import type { PromisePerson, PromiseRecord } from '../../src/contract/promises';
import type { HandoverPayload } from '../../src/contract/sync';
import type { PromiseReminderKind } from '../../src/domain/promise-reminders';
import type { PendingHandoverOf, StoredHandover } from '../store/handovers-repo';
import type { StoredPromise } from '../store/promises-repo';
import { StoreError } from '../store/store-error';
import type { Caller } from './offered-calls';
import { todayOf } from './today';

/**
 * What the desk writes to and reads from its local store, in the desk's own terms. Every write
 * that must reach the central server is committed together with its outbox row before the
 * method returns (the repositories do both in one transaction). A record the store refuses is
 * kept in quarantine, then the refusal is thrown on for the desk to report.
 */
export class DeskRecords {
  constructor(private readonly store: DeskStore) {}

  /** A survey result the server relayed; returns whether the call had none before. */
  saveSurveyResult(result: ServerSurveyResult): boolean {
    const first = this.store.surveyResults.ratingOf(result.callId) === null;
    this.store.surveyResults.save(result);
    return first;
  }

  /** Where to catch up survey results from (the server's receivedAt of the newest one here). */
  newestSurveyReceivedAt(agentId: string): number {
    return this.store.surveyResults.newestReceivedAt(agentId);
  }

  rememberLogin(login: LoginResponse): void {
    this.store.db.transaction(() => {
      this.store.settings.set('lastAgentId', login.agent.agentId);
      this.store.settings.set('policy', login.policy);
      this.store.settings.set('dispositions', login.dispositions);
    })();
  }

  /** The policy and dispositions of the last login, so the desk can start before the server answers. */
  cachedPolicy(): { policy: Policy; dispositions: Disposition[] } | null {
    const policy = this.store.settings.get('policy');
    return policy ? { policy, dispositions: this.store.settings.get('dispositions') ?? [] } : null;
  }

  /** The agent's "today" from the records this desk made (today.ts). */
  today(agentId: string, policy: Policy, now: number): TodayFigures {
    const { outbox, surveyResults, promises } = this.store;
    return todayOf(
      {
        recordsBetween: (fromMs, toMs) => outbox.recordsBetween(agentId, fromMs, toMs),
        ratingOf: (callId) => surveyResults.ratingOf(callId),
        openPromiseDueTimes: () => promises.open(agentId).map((promise) => promise.dueAt),
      },
      policy,
      now,
    );
  }

  /** The standard phrases as last heard from the server, kept across restarts. */
  rememberPhrases(book: PhraseBook): void {
    this.store.settings.set('phrases', book);
  }

  cachedPhrases(): PhraseBook | null {
    return this.store.settings.get('phrases');
  }

  deviceId(): string {
    return this.store.settings.deviceId();
  }

  recordCall(agentId: string, call: CallPayload, at: number): void {
    this.orQuarantine(agentId, 'call', call, at, () => this.store.calls.recordFinished(agentId, call, at));
  }

  hasCall(agentId: string, callId: string): boolean {
    return this.store.calls.get(callId)?.agentId === agentId;
  }

  /** Saves the wrap-up with its outbox row and, unresolved with a promised reply time, the promise it makes (one transaction). */
  saveWrapUp(agentId: string, wrapUp: SaveWrapUp, savedAt: number, agentName = ''): { recordId: string } {
    return this.store.wrapUps.save(agentId, wrapUp, savedAt, agentName);
  }

  saveDraft(agentId: string, draft: WrapUpDraft, at: number): void {
    this.store.wrapUps.saveDraft(agentId, draft, at);
  }

  /** The unsaved draft of one of the agent's calls, as the form had it. */
  draft(agentId: string, callId: string): WrapUpDraft | null {
    const stored = this.store.wrapUps.get(callId);
    if (!stored || stored.agentId !== agentId || stored.status !== 'draft') return null;
    const { callId: id, disposition, summary, customerName, customerContact, resolved, promisedReplyAt } = stored;
    return { callId: id, disposition, summary, customerName, customerContact, resolved, promisedReplyAt };
  }

  recordAttendance(agentId: string, attendance: AttendancePayload): void {
    this.enqueue({ id: uuidv7(), agentId, kind: 'attendance', occurredAt: attendance.deskTime, payload: attendance });
  }

  /** Writes down what the rules said to record; returns the record id. */
  recordAgentEvent(agentId: string, event: AgentRecord, policy: Policy, caller: (callId: string) => Caller): string | null {
    const id = uuidv7();
    const base = { id, agentId, occurredAt: event.at };
    switch (event.kind) {
      case 'stateChange': {
        const about = event.callId === null ? null : caller(event.callId);
        const call = about && event.callId ? { callId: event.callId, direction: about.direction, remoteNumber: about.remoteNumber } : null;
        this.enqueue({ ...base, kind: 'stateChange', payload: { from: event.from, to: event.to, busyReason: event.busyReason, call } });
        return id;
      }
      case 'offerDeclined':
        this.enqueue({
          ...base,
          kind: 'declinedOffer',
          payload: { callId: event.callId, ...identityOf(caller(event.callId)), agentState: event.agentState, sipStatus: event.sipStatus },
        });
        return id;
      case 'missedRing':
        this.enqueue({
          ...base,
          kind: 'missedRing',
          payload: { callId: event.callId, ...identityOf(caller(event.callId)), deadline: event.at, rings: event.rings, action: event.action },
        });
        return id;
      case 'busyOverLimit':
        this.enqueue({
          ...base,
          kind: 'busyOverLimit',
          payload: { busySince: event.busySince, busyReason: event.reason, limitMs: policy.busyLimitMs, reachedAt: event.at },
        });
        return id;
      case 'busyApproved':
        // Approvals come from the server; the desk has nothing to send back.
        return null;
    }
  }

  /** Raises an escalation ticket: the ticket and its outbox row are committed when this returns. */
  raiseTicket(agentId: string, payload: TicketPayload, at: number): string {
    return this.store.tickets.raise(agentId, payload, at).ticketId;
  }

  /** The server's state of one of the agent's tickets; returns whether it was newer than the one held. */
  ticketChanged(ticket: Ticket): boolean {
    return this.store.tickets.applyServerState(ticket);
  }

  ticket(id: string): StoredTicket | null {
    return this.store.tickets.get(id);
  }

  tickets(agentId: string): StoredTicket[] {
    return this.store.tickets.list(agentId);
  }

  /** Where to catch up the agent's tickets from (the server's updatedAt of the newest change held). */
  newestTicketUpdate(agentId: string): number {
    return this.store.tickets.newestServerUpdate(agentId);
  }

  // ---- first-contact promises and shift handovers ----

  promise(id: string): StoredPromise | null {
    return this.store.promises.get(id);
  }

  /** The agent's promise, open and in no pending handover; throws the StoreError saying why not. */
  actionablePromise(agentId: string, id: string): StoredPromise {
    return this.store.promises.requireActionable(agentId, id);
  }

  /** Keeps a promise: the step and its outbox row are committed when this returns. */
  keepPromise(agentId: string, id: string, note: string, at: number): string {
    return this.store.promises.keep(agentId, id, note, at).recordId;
  }

  /** A call placed from a promise: linked, with its `calledBack` step queued, committed when this returns. */
  promiseCalledBack(agentId: string, id: string, callId: string, at: number): string {
    return this.store.promises.calledBack(agentId, id, callId, at).recordId;
  }

  openPromises(agentId: string): StoredPromise[] {
    return this.store.promises.open(agentId);
  }

  keptPromisesBetween(agentId: string, fromMs: number, toMs: number): StoredPromise[] {
    return this.store.promises.keptBetween(agentId, fromMs, toMs);
  }

  markReminded(given: readonly { id: string; kind: PromiseReminderKind }[]): void {
    this.store.promises.markReminded(given);
  }

  /** The server's state of a promise, heard in `agentId`'s session; returns whether it was newer than the one held. */
  promiseChanged(promise: PromiseRecord, agentId: string): boolean {
    return this.store.promises.applyServerState(promise, agentId);
  }

  newestPromiseUpdate(agentId: string): number {
    return this.store.promises.newestServerUpdate(agentId);
  }

  /** Gives a handover: the handover, its items' marks and its outbox row are committed when this returns. */
  giveHandover(from: PromisePerson, to: PromisePerson | 'nextShift', payload: HandoverPayload, items: readonly HandoverItem[], at: number): string {
    return this.store.handovers.give(from, to, payload, items, at).handoverId;
  }

  handover(id: string): StoredHandover | null {
    return this.store.handovers.get(id);
  }

  pendingHandoverOf(kind: 'promise' | 'ticket', id: string): PendingHandoverOf | null {
    return this.store.handovers.pendingOf(kind, id);
  }

  outgoingHandovers(agentId: string): StoredHandover[] {
    return this.store.handovers.outgoing(agentId);
  }

  incomingHandovers(agentId: string): StoredHandover[] {
    return this.store.handovers.incoming(agentId);
  }

  /** The server's state of a handover, heard in `agentId`'s session; returns whether it was newer than the one held. */
  handoverChanged(handover: Handover, agentId: string): boolean {
    return this.store.handovers.applyServerState(handover, agentId);
  }

  newestHandoverUpdate(agentId: string): number {
    return this.store.handovers.newestServerUpdate(agentId);
  }

  /** Where and when a call of the agent's was, from the store (a call that has ended). */
  storedCall(agentId: string, callId: string): { offeredAt: number; remoteNumber: string } | null {
    const call = this.store.calls.get(callId);
    return call && call.agentId === agentId ? { offeredAt: call.offeredAt, remoteNumber: call.remoteNumber } : null;
  }

  /** Whether the server has acknowledged a record. */
  isDelivered(recordId: string): boolean {
    return this.store.outbox.get(recordId)?.ackedAt != null;
  }

  pendingCount(agentId: string): number {
    return this.store.outbox.pendingCount(agentId);
  }

  recentCalls(agentId: string, limit: number): RecentCall[] {
    return this.store.calls.recentCalls(agentId, limit);
  }

  private enqueue(record: SyncRecord): void {
    this.orQuarantine(record.agentId, record.kind, record, record.occurredAt, () => this.store.outbox.enqueue(record, record.occurredAt));
  }

  private orQuarantine(agentId: string, kind: string, record: unknown, at: number, save: () => void): void {
    try {
      save();
    } catch (error) {
      try {
        this.store.quarantine.keep(agentId, kind, record, errorText(error), at);
      } catch {
        // The store takes nothing at all (disk, file gone): the refusal thrown on says so.
      }
      throw error;
    }
  }
}

function errorText(error: unknown): string {
  if (error instanceof StoreError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** What an offer's records say about the caller. */
function identityOf({ remoteNumber, remoteDisplayName, offeredAt }: Caller): Pick<Caller, 'remoteNumber' | 'remoteDisplayName' | 'offeredAt'> {
  return { remoteNumber, remoteDisplayName, offeredAt };
}
