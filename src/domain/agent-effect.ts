import type { DeskNotice, DeskState } from '../contract/desk';
import type { BusyReason, RingTimeoutAction } from '../contract/policy';
import type { AgentStatus } from './agent-status';

/** 486 Busy Here: the agent is not ready; the queue tries the next agent at once. */
export const SIP_BUSY_HERE = 486;
/** 480 Temporarily Unavailable: the offer rang out unanswered; the queue re-routes it. */
export const SIP_TEMPORARILY_UNAVAILABLE = 480;
export type DeclineStatus = typeof SIP_BUSY_HERE | typeof SIP_TEMPORARILY_UNAVAILABLE;

/**
 * What the desk writes down (and syncs to the server). `at` is when it truly happened: a rule
 * the main process noticed late is still recorded at the instant its deadline passed.
 */
export type AgentRecord =
  /** `callId`: the call a ringing or talking state is about (the board shows it); null otherwise. */
  | { kind: 'stateChange'; at: number; from: DeskState; to: DeskState; busyReason: BusyReason | null; callId: string | null }
  /** An offer that arrived while the agent was not ready and never rang. */
  | { kind: 'offerDeclined'; at: number; callId: string; sipStatus: typeof SIP_BUSY_HERE; agentState: DeskState }
  /** The answer deadline passed unanswered; `action` is what policy did about it. */
  | { kind: 'missedRing'; at: number; callId: string; rings: number; action: RingTimeoutAction }
  /** The busy limit passed: the supervisor must know (DOMAIN.md rule 2). */
  | { kind: 'busyOverLimit'; at: number; busySince: number; reason: BusyReason }
  | { kind: 'busyApproved'; at: number; approvedUntil: number; supervisorId: string };

/** The i18n keys of the notices the rules raise. */
export type AgentNoticeCode =
  | 'missed-call'
  | 'ring-overdue'
  | 'auto-answered'
  | 'apologize-late-answer'
  | 'wrap-up-expired'
  | 'busy-warning'
  | 'busy-over-limit'
  | 'busy-approved'
  | 'forced-busy'
  | 'consult-failed';

/**
 * Work the main process carries out after a transition, in order. The rules only describe it:
 * they never touch the phone, the store or the UI themselves.
 */
export type Effect =
  /** Send 180 Ringing and start the desk's ringtone. */
  | { kind: 'ring'; callId: string }
  | { kind: 'answer'; callId: string }
  /** Place the outbound call the agent dialled. */
  | { kind: 'dial'; callId: string }
  | { kind: 'decline'; callId: string; sipStatus: DeclineStatus }
  | { kind: 'hangup'; callId: string }
  | { kind: 'hold'; callId: string; held: boolean }
  | { kind: 'mute'; callId: string; muted: boolean }
  /** Mix the customer's and the department's calls so all three hear each other. */
  | { kind: 'conference'; callIds: [string, string] }
  /** Wrap-up ended unsaved: whatever the form holds becomes a draft to finish later, never lost. */
  | { kind: 'keepDraft'; callId: string }
  | { kind: 'record'; record: AgentRecord }
  | { kind: 'notify'; notice: DeskNotice & { code: AgentNoticeCode } };

/** A new status and what the main process must do about it. */
export interface Step {
  status: AgentStatus;
  effects: Effect[];
}

export function record(record: AgentRecord): Effect {
  return { kind: 'record', record };
}

export function notify(level: DeskNotice['level'], code: AgentNoticeCode, params?: Record<string, string | number>): Effect {
  return { kind: 'notify', notice: params ? { level, code, params } : { level, code } };
}

/**
 * Moves to `to` after `effects`, recording the state change (every state change is recorded)
 * when the desk state or the busy reason differs. It happened at `at`: the instant `to` was
 * entered, unless a busy reason changed and `since` stayed.
 */
export function moveTo(from: AgentStatus, to: AgentStatus, effects: Effect[] = [], at = to.since): Step {
  const reasonOf = (status: AgentStatus) => (status.state === 'busy' ? status.reason : null);
  const changed = from.state !== to.state || reasonOf(from) !== reasonOf(to);
  const callId = to.state === 'ringing' || to.state === 'talking' ? to.callId : null;
  const change: Effect[] = changed ? [record({ kind: 'stateChange', at, from: from.state, to: to.state, busyReason: reasonOf(to), callId })] : [];
  return { status: to, effects: [...effects, ...change] };
}
