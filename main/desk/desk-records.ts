import { v7 as uuidv7 } from 'uuid';
import type { RecentCall, SaveWrapUp } from '../../src/contract/desk';
import type { BusyReason } from '../../src/contract/policy';
import type { CallPayload, LoginResponse } from '../../src/contract/sync';
import type { DeskStore } from '../store/desk-store';

/**
 * What the desk writes to and reads from its local store, in the desk's own terms. Every write
 * that must reach the central server is committed together with its outbox row before the
 * method returns (the repositories do both in one transaction).
 */
export class DeskRecords {
  constructor(private readonly store: DeskStore) {}

  rememberLogin(login: LoginResponse): void {
    this.store.db.transaction(() => {
      this.store.settings.set('lastAgentId', login.agent.agentId);
      this.store.settings.set('policy', login.policy);
      this.store.settings.set('dispositions', login.dispositions);
    })();
  }

  deviceId(): string {
    return this.store.settings.deviceId();
  }

  recordCall(agentId: string, call: CallPayload, at: number): void {
    this.store.calls.recordFinished(agentId, call, at);
  }

  hasCall(agentId: string, callId: string): boolean {
    return this.store.calls.get(callId)?.agentId === agentId;
  }

  saveWrapUp(agentId: string, wrapUp: SaveWrapUp, savedAt: number): void {
    this.store.wrapUps.save(agentId, wrapUp, savedAt);
  }

  recordStateChange(agentId: string, from: string, to: string, busyReason: BusyReason | null, at: number): void {
    this.store.outbox.enqueue(
      { id: uuidv7(), agentId, kind: 'stateChange', occurredAt: at, payload: { from, to, busyReason } },
      at,
    );
  }

  pendingCount(agentId: string): number {
    return this.store.outbox.pendingCount(agentId);
  }

  recentCalls(agentId: string, limit: number): RecentCall[] {
    return this.store.calls.recentCalls(agentId, limit);
  }
}
