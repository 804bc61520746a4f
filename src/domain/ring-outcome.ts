import type { Policy } from '../contract/policy';
import { moveTo, notify, record, SIP_TEMPORARILY_UNAVAILABLE, type Effect, type Step } from './agent-effect';
import type { RingingStatus } from './agent-status';
import { answeredInTime, ringsAtAnswer } from './ring-schedule';

/**
 * How a ringing offer is answered at `at`: on time, or late (policy let it ring past the deadline,
 * or answered it automatically), in which case the agent is reminded to apologise (seed 001 三、1).
 */
export function answerRinging(ringing: RingingStatus, policy: Policy, at: number): Step {
  const late = !answeredInTime(ringing.since, at, policy);
  const talking = {
    state: 'talking',
    since: at,
    callId: ringing.callId,
    offeredAt: ringing.since,
    ringsAtAnswer: ringsAtAnswer(ringing.since, at, policy),
    late,
    connected: false,
    held: false,
    muted: false,
    consult: null,
  } as const;
  const apology: Effect[] = late ? [notify('warning', 'apologize-late-answer')] : [];
  return moveTo(ringing, talking, [{ kind: 'answer', callId: ringing.callId }, ...apology]);
}

/**
 * What happens when an offer's answer deadline passes unanswered, by `policy.onRingTimeout`
 * (DOMAIN.md rule 1). Every outcome records the missed ring at `at`, the deadline.
 *
 * - `reject-and-pause`: decline 480 so the queue re-routes the call, pause the agent as busy
 *   (`missed`), and tell them why.
 * - `keep-ringing`: ring on, escalated; an answer from now on is late.
 * - `auto-answer`: answer for the agent (late, so the apology reminder comes too).
 */
export function ringTimeoutOutcome(ringing: RingingStatus, policy: Policy, at: number): Step {
  const action = policy.onRingTimeout;
  const missed = record({ kind: 'missedRing', at, callId: ringing.callId, rings: policy.maxRings, action });
  switch (action) {
    case 'reject-and-pause': {
      const busy = { state: 'busy', since: at, reason: 'missed', approvedUntil: null, level: 'ok' } as const;
      const step = moveTo(ringing, busy, [{ kind: 'decline', callId: ringing.callId, sipStatus: SIP_TEMPORARILY_UNAVAILABLE }, missed]);
      return { ...step, effects: [...step.effects, notify('warning', 'missed-call', { rings: policy.maxRings })] };
    }
    case 'keep-ringing':
      return { status: { ...ringing, overdue: true }, effects: [missed, notify('warning', 'ring-overdue', { rings: policy.maxRings })] };
    case 'auto-answer': {
      const answered = answerRinging(ringing, policy, at);
      return { ...answered, effects: [missed, notify('warning', 'auto-answered'), ...answered.effects] };
    }
  }
}
