import type { BusyReason, Policy } from '../contract/policy';
import { moveTo, notify, record, SIP_BUSY_HERE, type Effect, type Step } from './agent-effect';
import type { AgentEvent, TimedEvent } from './agent-event';
import { currentCallId, offlineSince, type AgentStatus, type BusyStatus, type RingingStatus, type TalkingStatus } from './agent-status';
import { busyTimer } from './busy-timer';
import { answerRinging } from './ring-outcome';
import { catchUp, nextTimedEvent } from './timed-events';
import { consultEnded, consultEstablished, endConsult, joinConference, refusalToHoldDuringConsult, startConsult, type ConsultRefusal } from './consultation';

/** Why an event was refused; the main process passes it on as a DeskError code. */
export type TransitionErrorCode =
  | 'not-logged-in'
  | 'already-logged-in'
  | 'call-in-progress'
  | 'not-ringing'
  | 'not-talking'
  | 'not-connected'
  | 'not-held'
  | 'consult-in-progress'
  | 'no-consult'
  | 'unknown-call'
  | 'duplicate-offer'
  | 'busy-reason-not-allowed'
  | 'not-busy'
  | 'approval-in-past'
  | 'not-ready'
  | 'not-due';

export interface TransitionError {
  code: TransitionErrorCode;
  message: string;
}

/**
 * The result of an event. Time catches up even when the event is refused (a ring deadline that
 * passed before the agent's late click still declines the call), so the main process always
 * adopts `status` and carries out `effects`, then reports `error` if there is one.
 */
export type Transition = ({ ok: true } & Step) | ({ ok: false; error: TransitionError } & Step);

/**
 * The agent state machine (话务状态, DOMAIN.md), as one pure function: no clock, no I/O.
 *
 *               login            offer                 answer
 *   offline ---------> ready ---------> ringing ------------------------> talking <-+ hold, unhold,
 *      ^               ^ | ^ ^            |  |                               |  |     | mute, unmute
 *      |      setReady | | | +- reject, --+  | ringTimeout                   |  +-----+ (sub-states)
 *      |               | | |   caller gone   | (reject-and-pause: decline    | callEnded
 *      |               | | |                 |  480, busy 'missed')          v
 *      |               | | +-- setReady, wrapUpSaved, wrapUpExpired ------ wrapUp
 *      |               | | setBusy           |
 *      |               | v                   |
 *      +--- logout --- busy(reason) <--------+
 *
 * - logout, setReady and setBusy work from ready, busy and wrapUp; leaving wrapUp unsaved keeps
 *   the form as a draft. During a call they are refused (`call-in-progress`).
 * - dial (an outbound call) goes from ready or busy straight to talking, not yet connected; a
 *   call that ends before it connects has nothing to wrap up and returns to ready.
 * - Within talking, a consultation (see consultation.ts): consult (customer held) → conference or
 *   endConsult; the consult leg's reports change only the leg; the customer's call ending ends it.
 * - An offer anywhere but ready is declined 486 and recorded; it never rings (one call at a time).
 * - setBusy takes a reason from `policy.busyReasons`; `missed` is the desk's own, never the agent's.
 * - Reports of the phone about a call that is not the current one are stale and change nothing.
 * - Asking for what already holds (setReady when ready, hold when held) changes nothing.
 * - Timed events (ringTimeout, wrapUpExpired, busyCheck) apply at their due instant, whether the
 *   main process delivers them or any later event finds them overdue (see `catchUp`). One that
 *   arrives early is refused with `not-due`; one for a state that moved on changes nothing.
 */
export function transition(status: AgentStatus, event: AgentEvent, policy: Policy, now: number): Transition {
  const early = isTimedEvent(event) ? earlyRefusal(status, event, policy, now) : null;
  if (early) return { ok: false, error: early, status, effects: [] };
  const before = catchUp(status, policy, now);
  const outcome = apply(before.status, event, policy, now);
  if ('error' in outcome) return { ok: false, error: outcome.error, ...before };
  // A rule may fall due at once (a zero busy warning, say): let it apply now, not at the next event.
  const after = catchUp(outcome.status, policy, now);
  return { ok: true, status: after.status, effects: [...before.effects, ...outcome.effects, ...after.effects] };
}

type Outcome = Step | { error: TransitionError };

function apply(status: AgentStatus, event: AgentEvent, policy: Policy, now: number): Outcome {
  switch (event.type) {
    case 'login':
      return status.state === 'offline' ? moveTo(status, { state: 'ready', since: now }) : refuse('already-logged-in', 'already logged in');
    case 'logout':
      return leaveIdle(status, offlineSince(now), now);
    case 'setReady':
      return status.state === 'ready' ? unchanged(status) : leaveIdle(status, { state: 'ready', since: now }, now);
    case 'setBusy':
      return setBusy(status, event.reason, policy, now);
    case 'offer':
      return offer(status, event.callId, now);
    case 'answer':
      return whileRinging(status, event.callId, (ringing) => answerRinging(ringing, policy, now));
    case 'reject':
      return whileRinging(status, event.callId, (ringing) =>
        moveTo(ringing, { state: 'ready', since: now }, [{ kind: 'decline', callId: ringing.callId, sipStatus: SIP_BUSY_HERE }]),
      );
    case 'hangup':
      return whileTalking(status, event.callId, (talking) => ({ status: talking, effects: [{ kind: 'hangup', callId: talking.callId }] }));
    case 'hold':
    case 'unhold':
      return whileTalking(status, event.callId, (talking) => {
        const duringConsult = refusalToHoldDuringConsult(talking);
        return duringConsult ? consultStep(duringConsult) : setHeld(talking, event.type === 'hold');
      });
    case 'mute':
    case 'unmute':
      return whileTalking(status, event.callId, (talking) => setMuted(talking, event.type === 'mute'));
    case 'consult':
      return whileTalking(status, event.callId, (talking) => consultStep(startConsult(talking, event.consultCallId, now)));
    case 'conference':
      return whileTalking(status, event.callId, (talking) => consultStep(joinConference(talking)));
    case 'endConsult':
      return whileTalking(status, event.callId, (talking) => consultStep(endConsult(talking)));
    case 'dial':
      return dial(status, event.callId, now);
    case 'callEstablished':
      if (status.state !== 'talking') return unchanged(status);
      if (status.callId === event.callId) return { status: { ...status, connected: true }, effects: [] };
      return status.consult?.callId === event.callId ? consultEstablished(status) : unchanged(status);
    case 'callEnded':
      return callEnded(status, event.callId, now);
    case 'wrapUpSaved':
      if (status.state === 'offline') return refuse('not-logged-in', 'log in first');
      // A draft of an earlier call may be finished any time; only the current wrap-up frees the agent.
      return status.state === 'wrapUp' && status.callId === event.callId ? moveTo(status, { state: 'ready', since: now }) : unchanged(status);
    case 'approveBusy':
      return approveBusy(status, event.until, event.supervisorId, policy, now);
    case 'forceBusy':
      if (status.state !== 'ready') return refuse('not-ready', 'only a seat left ready can be put into busy');
      return moveTo(status, { state: 'busy', since: now, reason: 'away', approvedUntil: null, level: 'ok' }, [notify('warning', 'forced-busy', { by: event.supervisorId })]);
    case 'ringTimeout':
    case 'wrapUpExpired':
    case 'busyCheck':
      // `catchUp` applied it if it was due; otherwise the state moved on and it is stale.
      return unchanged(status);
  }
}

function consultStep(outcome: Step | ConsultRefusal): Outcome {
  return 'code' in outcome ? refuse(outcome.code, outcome.message) : outcome;
}

function refuse(code: TransitionErrorCode, message: string): Outcome {
  return { error: { code, message } };
}

function unchanged(status: AgentStatus): Step {
  return { status, effects: [] };
}

/** Moves between the states without a call (ready, busy, wrapUp) and to offline. */
function leaveIdle(from: AgentStatus, to: AgentStatus, at: number): Outcome {
  const refusal = refusalToLeave(from);
  if (refusal) return refusal;
  const draft: Effect[] = from.state === 'wrapUp' ? [{ kind: 'keepDraft', callId: from.callId }] : [];
  return moveTo(from, to, draft, at);
}

function refusalToLeave(from: AgentStatus): Outcome | null {
  if (from.state === 'offline') return refuse('not-logged-in', 'log in first');
  if (from.state === 'ringing' || from.state === 'talking') return refuse('call-in-progress', 'finish the call first');
  return null;
}

function setBusy(status: AgentStatus, reason: BusyReason, policy: Policy, now: number): Outcome {
  const refusal = refusalToLeave(status);
  if (refusal) return refusal;
  if (reason === 'missed' || reason === 'away' || !policy.busyReasons.includes(reason)) {
    return refuse('busy-reason-not-allowed', `busy reason not allowed: ${reason}`);
  }
  // Changing the reason keeps the busy clock running: the limit is on the absence, not the reason.
  const busy: BusyStatus =
    status.state === 'busy' ? { ...status, reason } : { state: 'busy', since: now, reason, approvedUntil: null, level: 'ok' };
  return leaveIdle(status, busy, now);
}

function offer(status: AgentStatus, callId: string, now: number): Outcome {
  if (currentCallId(status) === callId) return refuse('duplicate-offer', 'this call is already being handled');
  if (status.state !== 'ready') {
    // 486 makes the queue try the next agent at once; the offer is still on the record.
    return {
      status,
      effects: [
        { kind: 'decline', callId, sipStatus: SIP_BUSY_HERE },
        record({ kind: 'offerDeclined', at: now, callId, sipStatus: SIP_BUSY_HERE, agentState: status.state }),
      ],
    };
  }
  return moveTo(status, { state: 'ringing', since: now, callId, overdue: false }, [{ kind: 'ring', callId }]);
}

/** Outbound calls start from ready or busy; the agent is occupied until the call is over. */
function dial(status: AgentStatus, callId: string, now: number): Outcome {
  if (status.state === 'offline') return refuse('not-logged-in', 'log in first');
  if (status.state !== 'ready' && status.state !== 'busy') return refuse('call-in-progress', 'finish the current call first');
  const talking: TalkingStatus = {
    state: 'talking',
    since: now,
    callId,
    offeredAt: now,
    ringsAtAnswer: 0,
    late: false,
    connected: false,
    held: false,
    muted: false,
    consult: null,
  };
  return moveTo(status, talking, [{ kind: 'dial', callId }]);
}

function whileRinging(status: AgentStatus, callId: string, then: (ringing: RingingStatus) => Outcome): Outcome {
  if (status.state !== 'ringing') return refuse('not-ringing', 'no call is ringing');
  return status.callId === callId ? then(status) : refuse('unknown-call', 'no such call');
}

function whileTalking(status: AgentStatus, callId: string, then: (talking: TalkingStatus) => Outcome): Outcome {
  if (status.state !== 'talking') return refuse('not-talking', 'no call is in progress');
  return status.callId === callId ? then(status) : refuse('unknown-call', 'no such call');
}

function setHeld(talking: TalkingStatus, held: boolean): Outcome {
  // Hold is a re-INVITE: it needs an established dialog.
  if (!talking.connected) return refuse('not-connected', 'the call is not connected yet');
  if (talking.held === held) return unchanged(talking);
  return { status: { ...talking, held }, effects: [{ kind: 'hold', callId: talking.callId, held }] };
}

function setMuted(talking: TalkingStatus, muted: boolean): Outcome {
  if (talking.muted === muted) return unchanged(talking);
  return { status: { ...talking, muted }, effects: [{ kind: 'mute', callId: talking.callId, muted }] };
}

function callEnded(status: AgentStatus, callId: string, now: number): Outcome {
  if (status.state === 'talking' && status.consult?.callId === callId) return consultEnded(status);
  if (currentCallId(status) !== callId) return unchanged(status);
  if (status.state === 'ringing') return moveTo(status, { state: 'ready', since: now });
  if (status.state !== 'talking') return unchanged(status);
  // The customer's call is over (hung up, or handed over by a completed transfer): the consultation with it.
  const consultLeg: Effect[] = status.consult ? [{ kind: 'hangup', callId: status.consult.callId }] : [];
  // A call that never connected has nothing to wrap up.
  const next = status.connected ? ({ state: 'wrapUp', since: now, callId } as const) : ({ state: 'ready', since: now } as const);
  return moveTo(status, next, consultLeg);
}

function approveBusy(status: AgentStatus, until: number, supervisorId: string, policy: Policy, now: number): Outcome {
  if (status.state !== 'busy') return refuse('not-busy', 'the agent is not busy');
  if (until <= now) return refuse('approval-in-past', 'an approval must reach into the future');
  // The latest approval stands; the level is recomputed, so an approved absence is no longer over the limit.
  const approved = { ...status, approvedUntil: until };
  const timer = busyTimer(approved, policy, now);
  return {
    status: { ...approved, level: timer.level },
    effects: [
      record({ kind: 'busyApproved', at: now, approvedUntil: until, supervisorId }),
      notify('info', 'busy-approved', { by: supervisorId, minutesLeft: Math.ceil((timer.limitAt - now) / 60_000) }),
    ],
  };
}

function isTimedEvent(event: AgentEvent): event is TimedEvent {
  return event.type === 'ringTimeout' || event.type === 'wrapUpExpired' || event.type === 'busyCheck';
}

/** A timed event delivered before its instant (a timer that fired early) is refused. */
function earlyRefusal(status: AgentStatus, event: TimedEvent, policy: Policy, now: number): TransitionError | null {
  const pending = nextTimedEvent(status, policy);
  if (!pending || pending.at <= now || !sameTimedEvent(pending.event, event)) return null;
  return { code: 'not-due', message: `${event.type} is due at ${pending.at}` };
}

function sameTimedEvent(a: TimedEvent, b: TimedEvent): boolean {
  const callIdOf = (event: TimedEvent) => ('callId' in event ? event.callId : null);
  return a.type === b.type && callIdOf(a) === callIdOf(b);
}
