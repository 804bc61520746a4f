import type { BusyView, CallView, ConsultView, DeskSnapshot, HandoverView, PromiseView, RecentCall, SessionEnd, TicketView } from '../../src/contract/desk';
import type { Phrase } from '../../src/contract/phrases';
import type { Disposition, Policy } from '../../src/contract/policy';
import type { Alert } from '../../src/contract/alerts';
import type { AttendanceDay, DirectoryEntry, LoginResponse } from '../../src/contract/sync';
import { busyTimer, ringSchedule, wrapUpTimer, type AgentStatus } from '../../src/domain';
import type { OfferedCalls } from './offered-calls';

/** The over-limit record of a busy period: on the server yet, and acknowledged by a supervisor. */
export interface OverLimitReport {
  delivered: boolean;
  acknowledged: Alert['acknowledged'];
}

export interface SnapshotInputs {
  now: number;
  login: LoginResponse | null;
  /** The policy and dispositions last seen, for a desk nobody is logged in to yet. */
  cached: { policy: Policy; dispositions: Disposition[] } | null;
  loggingIn: boolean;
  sessionEnd: SessionEnd | null;
  status: AgentStatus;
  calls: OfferedCalls;
  registration: DeskSnapshot['registration'];
  registrationError: string | null;
  serverReachable: boolean | null;
  pendingSync: number;
  /** How the current busy period's over-limit report stands (null: none raised). */
  overLimit: OverLimitReport | null;
  /** The supervisor's approval of the current busy period, if any. */
  approval: BusyView['approvedBy'];
  recentCalls: RecentCall[];
  attendanceToday: AttendanceDay | null;
  /** The session's standard phrases, or the last ones seen while nobody is logged in. */
  phrases: Phrase[];
  /** The agent's escalation tickets, open first. */
  tickets: TicketView[];
  /** The agent's promises: open by due time, then the ones kept today. */
  promises: PromiseView[];
  handovers: { incoming: HandoverView[]; outgoing: HandoverView[] };
}

/** The whole desk as the renderer shows it, derived from the agent's status at `now`. */
export function buildSnapshot(inputs: SnapshotInputs): DeskSnapshot {
  const { now, login, status } = inputs;
  const policy = login?.policy ?? inputs.cached?.policy ?? null;
  return {
    at: now,
    agent: login ? login.agent : null,
    loggingIn: inputs.loggingIn,
    sessionEnd: inputs.sessionEnd,
    state: status.state,
    stateSince: status.since,
    busyReason: status.state === 'busy' ? status.reason : null,
    registration: inputs.registration,
    registrationError: inputs.registrationError,
    serverReachable: inputs.serverReachable,
    policy,
    dispositions: login?.dispositions ?? inputs.cached?.dispositions ?? [],
    call: login ? callView(status, inputs.calls, login, now) : null,
    wrapUp:
      login && status.state === 'wrapUp'
        ? { callId: status.callId, startedAt: status.since, deadline: wrapUpTimer(status.since, login.policy, now).deadline }
        : null,
    busy: login && status.state === 'busy' ? busyView(status, login.policy, now, inputs.overLimit, inputs.approval) : null,
    pendingSync: inputs.pendingSync,
    recentCalls: inputs.recentCalls,
    attendanceToday: inputs.attendanceToday,
    directory: login?.directory ?? [],
    phrases: inputs.phrases,
    tickets: inputs.tickets,
    promises: inputs.promises,
    handovers: inputs.handovers,
    colleagues: login?.colleagues ?? [],
  };
}

function callView(status: AgentStatus, calls: OfferedCalls, login: LoginResponse, now: number): CallView | null {
  if (status.state !== 'ringing' && status.state !== 'talking') return null;
  const policy = login.policy;
  const offer = calls.get(status.callId);
  if (!offer) return null;
  const offeredAt = status.state === 'ringing' ? status.since : status.offeredAt;
  const schedule = ringSchedule(offeredAt, policy, now);
  const base = {
    id: status.callId,
    mediaSessionId: offer.mediaSessionId ?? status.callId,
    direction: offer.direction,
    remoteNumber: offer.remoteNumber,
    remoteDisplayName: offer.remoteDisplayName,
    offeredAt,
    maxRings: policy.maxRings,
    ringDeadline: schedule.deadline,
  };
  if (status.state === 'ringing') {
    return { ...base, phase: 'ringing', ring: schedule.ring, answeredAt: null, ringsAtAnswer: null, late: status.overdue, held: false, muted: false, consult: null };
  }
  return {
    ...base,
    phase: status.connected ? 'talking' : 'connecting',
    ring: status.ringsAtAnswer,
    answeredAt: status.since,
    ringsAtAnswer: status.ringsAtAnswer,
    late: status.late,
    held: status.held,
    muted: status.muted,
    consult: status.consult ? consultView(status.consult, calls, login.directory) : null,
  };
}

function consultView(
  consult: NonNullable<Extract<AgentStatus, { state: 'talking' }>['consult']>,
  calls: OfferedCalls,
  directory: DirectoryEntry[],
): ConsultView {
  const number = calls.get(consult.callId)?.remoteNumber ?? '';
  const entry = directory.find((candidate) => candidate.extension === number);
  return {
    callId: consult.callId,
    number,
    name: entry ? [entry.department, entry.name].filter(Boolean).join(' ') : '',
    since: consult.since,
    phase: consult.connected ? 'talking' : 'connecting',
    conference: consult.conference,
  };
}

function busyView(status: Extract<AgentStatus, { state: 'busy' }>, policy: Policy, now: number, overLimit: OverLimitReport | null, approval: BusyView['approvedBy']): BusyView {
  const timer = busyTimer(status, policy, now);
  return {
    reason: status.reason,
    since: status.since,
    warnAt: timer.warnAt,
    limitAt: timer.limitAt,
    // The level the rules have applied (and recorded), not a guess from the renderer's clock.
    level: status.level,
    supervisorNotified: overLimit === null ? 'no' : overLimit.acknowledged ? 'acknowledged' : overLimit.delivered ? 'reported' : 'pending',
    approvedBy: approval,
    acknowledgedBy: overLimit?.acknowledged ? { agentId: overLimit.acknowledged.by, name: overLimit.acknowledged.byName, at: overLimit.acknowledged.at } : null,
  };
}
