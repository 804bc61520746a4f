import type { DeskState } from '../contract/desk';
import type { BusyReason } from '../contract/policy';

/** How a busy period stands against its limit (DOMAIN.md rule 2). */
export type BusyLevel = 'ok' | 'warning' | 'overLimit';

export interface OfflineStatus {
  state: 'offline';
  since: number;
}

export interface ReadyStatus {
  state: 'ready';
  since: number;
}

/** An offer is ringing; `since` is when it was offered. */
export interface RingingStatus {
  state: 'ringing';
  since: number;
  callId: string;
  /** The answer deadline passed and policy `keep-ringing` let it ring on: an answer now is late. */
  overdue: boolean;
}

/**
 * A second call the agent placed while the customer waits on hold (咨询, DOMAIN.md rule 5): to a
 * department, before handing the customer over (attended transfer) or joining all three.
 */
export interface ConsultLeg {
  callId: string;
  since: number;
  /** The department answered. */
  connected: boolean;
  /** Customer, department and agent hear each other (the agent's media mixes the two calls). */
  conference: boolean;
}

/** Answered; `since` is the answer instant. `connected` once SIP says established. */
export interface TalkingStatus {
  state: 'talking';
  since: number;
  callId: string;
  offeredAt: number;
  /** The ring the answer came on (stored with the call); beyond `maxRings` only when late. */
  ringsAtAnswer: number;
  /** Answered after the deadline: the agent is reminded to apologise. */
  late: boolean;
  connected: boolean;
  held: boolean;
  muted: boolean;
  /** The consultation in progress, if any; the customer is on hold unless it became a conference. */
  consult: ConsultLeg | null;
}

/** After-call work for `callId`; `since` is when the call ended. */
export interface WrapUpStatus {
  state: 'wrapUp';
  since: number;
  callId: string;
}

/**
 * Not ready, with a reason. `since` is when the busy period began and survives reason changes,
 * so switching from `break` to `meal` cannot restart the 15-minute clock.
 */
export interface BusyStatus {
  state: 'busy';
  since: number;
  reason: BusyReason;
  /** A supervisor allowed the absence to last until then (ms since epoch). */
  approvedUntil: number | null;
  /** The level the agent has been told about; a timed `busyCheck` raises it. */
  level: BusyLevel;
}

/** One status shape per desk state: indexing by DeskState fails to compile if a state has none. */
interface StatusOfState {
  offline: OfflineStatus;
  ready: ReadyStatus;
  ringing: RingingStatus;
  talking: TalkingStatus;
  wrapUp: WrapUpStatus;
  busy: BusyStatus;
}

/**
 * Where an agent stands (话务状态), with the instant it was entered and the sub-state each state
 * needs. `state` is exactly the contract's DeskState, so a snapshot can carry it as is.
 */
export type AgentStatus = StatusOfState[DeskState];

/** The status of a desk that nobody is logged in to. */
export function offlineSince(at: number): OfflineStatus {
  return { state: 'offline', since: at };
}

/** The call the agent is occupied with (ringing, talking or wrapping up), if any. */
export function currentCallId(status: AgentStatus): string | null {
  return 'callId' in status ? status.callId : null;
}
