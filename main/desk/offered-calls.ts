import type { CallPayload } from '../../src/contract/sync';
import { currentCallId, type AgentStatus } from '../../src/domain';
import { DeskError } from '../../src/rpc';
import type { CallEnd, IncomingCall } from '../phone/softphone';

/** What the desk knows of an offered call beyond the state machine: who is calling, since when. */
export interface OfferedCall extends CallNotes {
  callId: string;
  direction: 'inbound' | 'outbound';
  remoteNumber: string;
  remoteDisplayName: string;
  offeredAt: number;
  /** It was presented to the agent (not declined on arrival). */
  rang?: boolean;
  /** When SIP said established (for an outbound call, when the other side answered). */
  connectedAt?: number;
  /** The renderer's media session when it is not the call id (the call was taken over by a transfer). */
  mediaSessionId?: string;
}

/** What happened during a call that its record keeps. */
export interface CallNotes {
  /** DOMAIN.md rule 4: how the call ended with respect to the satisfaction survey. */
  survey?: { kind: 'transferred' } | { kind: 'skipped'; reason: string };
  /** The transfer target, once the other side accepted the REFER (blind) or the target took the caller (attended). */
  transferredTo?: string;
  transferKind?: 'blind' | 'attended';
  /** The last number consulted during the call, and whether all three talked. */
  consultedWith?: string;
  conference?: boolean;
}

/** Who an offer came from, as the records of a declined or missed offer name them. */
export interface Caller {
  direction: 'inbound' | 'outbound';
  remoteNumber: string;
  remoteDisplayName: string;
  offeredAt: number;
}

/**
 * The desk's book of calls that were offered (or placed) and have not ended yet, by call id:
 * who is calling, what was noted during the call, and, when it ends, the call record.
 */
export class OfferedCalls {
  private readonly calls = new Map<string, OfferedCall>();

  get(callId: string): OfferedCall | undefined {
    return this.calls.get(callId);
  }

  require(callId: string): OfferedCall {
    const call = this.calls.get(callId);
    if (!call) throw new DeskError('unknown-call', 'no such call');
    return call;
  }

  inbound(call: IncomingCall, at: number): void {
    this.calls.set(call.callId, { ...call, direction: 'inbound', offeredAt: at });
  }

  outbound(callId: string, number: string, at: number): void {
    this.calls.set(callId, { callId, direction: 'outbound', remoteNumber: number, remoteDisplayName: '', offeredAt: at });
  }

  forget(callId: string): void {
    this.calls.delete(callId);
  }

  rang(callId: string): void {
    const call = this.calls.get(callId);
    if (call) call.rang = true;
  }

  connected(callId: string, at: number): void {
    const call = this.calls.get(callId);
    if (call) call.connectedAt = at;
  }

  /** The call goes on with another party (a transfer to this desk); returns the number it had. */
  replaced(callId: string, party: { remoteNumber: string; remoteDisplayName: string; mediaSessionId: string }): string | null {
    const call = this.calls.get(callId);
    if (!call) return null;
    const from = call.remoteNumber;
    Object.assign(call, party);
    return from;
  }

  /** Notes on a call that stay, whatever comes next. */
  note(callId: string, notes: CallNotes): void {
    Object.assign(this.require(callId), notes);
  }

  /**
   * Notes on a call while `action` runs, taken back if it fails. Noted first because the call may
   * end before the action resolves (the other side accepts a REFER and hangs up at once).
   */
  async noteDuring(callId: string, notes: CallNotes, action: () => Promise<void>): Promise<void> {
    const call = this.require(callId);
    const before: CallNotes = Object.fromEntries(Object.keys(notes).map((key) => [key, call[key as keyof CallNotes]]));
    Object.assign(call, notes);
    try {
      await action();
    } catch (error) {
      Object.assign(call, before);
      throw error;
    }
  }

  /** Who an offer came from (blank for a call the book does not know). */
  callerOf(callId: string, fallbackAt: number): Caller {
    const call = this.calls.get(callId);
    return {
      direction: call?.direction ?? 'inbound',
      remoteNumber: call?.remoteNumber ?? '',
      remoteDisplayName: call?.remoteDisplayName ?? '',
      offeredAt: call?.offeredAt ?? fallbackAt,
    };
  }

  /**
   * A call ended: it leaves the book, and its record is returned when it is one to keep. Every
   * call that rang is kept, answered or not; a declined offer is recorded as such instead.
   * `status` is the agent's status just before the end.
   */
  finish(callId: string, status: AgentStatus, reason: CallEnd, endedAt: number): CallPayload | null {
    const call = this.calls.get(callId);
    this.calls.delete(callId);
    const wasCurrent = currentCallId(status) === callId && status.state !== 'wrapUp';
    if (!call || !(wasCurrent || call.rang)) return null;
    const answered = status.state === 'talking' && status.callId === callId ? status : null;
    // An inbound call is answered when the agent answers; an outbound one when the other side does.
    const answeredAt = call.direction === 'inbound' ? (answered?.since ?? null) : (call.connectedAt ?? null);
    return {
      callId,
      direction: call.direction,
      remoteNumber: call.remoteNumber,
      remoteDisplayName: call.remoteDisplayName,
      offeredAt: call.offeredAt,
      answeredAt,
      endedAt,
      ringsAtAnswer: answered && call.direction === 'inbound' ? answered.ringsAtAnswer : null,
      endReason: reason,
      survey: call.survey?.kind ?? null,
      surveySkipReason: call.survey?.kind === 'skipped' ? call.survey.reason : null,
      transferredTo: call.survey ? null : (call.transferredTo ?? null),
      transferKind: call.survey ? null : (call.transferKind ?? null),
      consultedWith: call.consultedWith ?? null,
      conference: call.conference ?? false,
    };
  }
}
