import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../src/contract/policy';
import type { Effect } from '../../../src/domain/agent-effect';
import type { AgentEvent } from '../../../src/domain/agent-event';
import { transition } from '../../../src/domain/agent-state';
import { offlineSince, type AgentStatus, type BusyStatus, type TalkingStatus } from '../../../src/domain/agent-status';

const T = Date.UTC(2026, 10, 23, 1, 0);
const minutes = (n: number) => n * 60_000;

const ready: AgentStatus = { state: 'ready', since: T };
const ringing: AgentStatus = { state: 'ringing', since: T, callId: 'call-1', overdue: false };
const talking: TalkingStatus = {
  state: 'talking',
  since: T + 4_000,
  callId: 'call-1',
  offeredAt: T,
  ringsAtAnswer: 1,
  late: false,
  connected: true,
  held: false,
  muted: false,
  consult: null,
};
const wrapUp: AgentStatus = { state: 'wrapUp', since: T + minutes(3), callId: 'call-1' };
const busy: BusyStatus = { state: 'busy', since: T, reason: 'break', approvedUntil: null, level: 'ok' };

/** Applies an event that must be accepted. */
function accept(status: AgentStatus, event: AgentEvent, now: number, policy: Policy = defaultPolicy) {
  const result = transition(status, event, policy, now);
  if (!result.ok) throw new Error(`refused ${event.type}: ${result.error.code}`);
  return result;
}

function refusal(status: AgentStatus, event: AgentEvent, now: number, policy: Policy = defaultPolicy) {
  const result = transition(status, event, policy, now);
  return result.ok ? null : result.error.code;
}

const kinds = (effects: Effect[]) => effects.map((e) => e.kind);
const stateChange = (at: number, from: string, to: string, busyReason: string | null = null, callId: string | null = null): Effect =>
  ({ kind: 'record', record: { kind: 'stateChange', at, from, to, busyReason, callId } }) as Effect;

describe('logging in and out', () => {
  it('login makes the agent ready and records it', () => {
    const { status, effects } = accept(offlineSince(T - 1), { type: 'login' }, T);
    expect(status).toEqual({ state: 'ready', since: T });
    expect(effects).toEqual([stateChange(T, 'offline', 'ready')]);
  });

  it('a second login is refused', () => {
    expect(refusal(ready, { type: 'login' }, T)).toBe('already-logged-in');
  });

  it('logout is refused during a call and needs a login', () => {
    expect(refusal(ringing, { type: 'logout' }, T + 1)).toBe('call-in-progress');
    expect(refusal(talking, { type: 'logout' }, T + 5_000)).toBe('call-in-progress');
    expect(refusal(offlineSince(T), { type: 'logout' }, T)).toBe('not-logged-in');
  });

  it('logout during wrap-up keeps the form as a draft', () => {
    const { status, effects } = accept(wrapUp, { type: 'logout' }, wrapUp.since + 10_000);
    expect(status.state).toBe('offline');
    expect(effects).toContainEqual({ kind: 'keepDraft', callId: 'call-1' });
  });
});

describe('offers: one call at a time', () => {
  it('an offer while ready rings', () => {
    const { status, effects } = accept(ready, { type: 'offer', callId: 'call-9' }, T + 100);
    expect(status).toEqual({ state: 'ringing', since: T + 100, callId: 'call-9', overdue: false });
    expect(effects).toEqual([{ kind: 'ring', callId: 'call-9' }, stateChange(T + 100, 'ready', 'ringing', null, 'call-9')]);
  });

  it.each([
    ['ringing', ringing],
    ['talking', talking],
    ['wrap-up', wrapUp],
    ['busy', busy],
    ['offline', offlineSince(T)],
  ] as const)('an offer while %s is declined 486 and recorded, and never rings', (_, status) => {
    const now = T + 5_500;
    const { status: after, effects } = accept(status, { type: 'offer', callId: 'call-2' }, now);
    expect(after).toEqual(status);
    expect(effects).toEqual([
      { kind: 'decline', callId: 'call-2', sipStatus: 486 },
      { kind: 'record', record: { kind: 'offerDeclined', at: now, callId: 'call-2', sipStatus: 486, agentState: status.state } },
    ]);
  });

  it('an offer during wrap-up does not disturb the wrap-up clock', () => {
    const declined = accept(wrapUp, { type: 'offer', callId: 'call-2' }, wrapUp.since + 30_000);
    const expired = accept(declined.status, { type: 'wrapUpExpired', callId: 'call-1' }, wrapUp.since + 60_000);
    expect(expired.status).toEqual({ state: 'ready', since: wrapUp.since + 60_000 });
  });

  it('the same call offered twice is refused rather than declined (that would drop the ringing call)', () => {
    expect(refusal(ringing, { type: 'offer', callId: 'call-1' }, T + 10)).toBe('duplicate-offer');
  });
});

describe('answering within three rings', () => {
  it('an answer at deadline − 1 ms is ring 3 and in time', () => {
    const { status, effects } = accept(ringing, { type: 'answer', callId: 'call-1' }, T + 14_999);
    expect(status).toMatchObject({ state: 'talking', ringsAtAnswer: 3, late: false });
    expect(kinds(effects)).toEqual(['answer', 'record']);
  });

  it('an answer at the deadline comes too late under reject-and-pause: the call is declined 480 and the agent paused', () => {
    const result = transition(ringing, { type: 'answer', callId: 'call-1' }, defaultPolicy, T + 15_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('not-ringing');
    expect(result.status).toMatchObject({ state: 'busy', reason: 'missed', since: T + 15_000 });
    expect(result.effects).toContainEqual({ kind: 'decline', callId: 'call-1', sipStatus: 480 });
  });

  it('an answer at the deadline under keep-ringing is late, on ring 4, with the apology reminder', () => {
    const keepRinging: Policy = { ...defaultPolicy, onRingTimeout: 'keep-ringing' };
    const { status, effects } = accept(ringing, { type: 'answer', callId: 'call-1' }, T + 15_000, keepRinging);
    expect(status).toMatchObject({ state: 'talking', ringsAtAnswer: 4, late: true });
    expect(effects).toContainEqual({ kind: 'record', record: { kind: 'missedRing', at: T + 15_000, callId: 'call-1', rings: 3, action: 'keep-ringing' } });
    expect(effects).toContainEqual({ kind: 'notify', notice: { level: 'warning', code: 'apologize-late-answer' } });
  });

  it('a missed ring noticed late is recorded at the deadline, with the true time', () => {
    const { status, effects } = accept(ringing, { type: 'ringTimeout', callId: 'call-1' }, T + 15_250);
    expect(status).toMatchObject({ state: 'busy', reason: 'missed', since: T + 15_000 });
    expect(effects).toContainEqual(stateChange(T + 15_000, 'ringing', 'busy', 'missed'));
  });

  it('a ring timeout that fires early is refused and changes nothing', () => {
    const result = transition(ringing, { type: 'ringTimeout', callId: 'call-1' }, defaultPolicy, T + 14_999);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-due' }, status: ringing, effects: [] });
  });

  it('answering a call that is not ringing, or another call, is refused', () => {
    expect(refusal(ready, { type: 'answer', callId: 'call-1' }, T)).toBe('not-ringing');
    expect(refusal(ringing, { type: 'answer', callId: 'call-7' }, T + 1)).toBe('unknown-call');
  });

  it('a reject declines 486 and the agent stays ready', () => {
    const { status, effects } = accept(ringing, { type: 'reject', callId: 'call-1' }, T + 3_000);
    expect(status).toEqual({ state: 'ready', since: T + 3_000 });
    expect(effects[0]).toEqual({ kind: 'decline', callId: 'call-1', sipStatus: 486 });
  });

  it('a caller who hangs up while it rings leaves the agent ready', () => {
    expect(accept(ringing, { type: 'callEnded', callId: 'call-1' }, T + 2_000).status).toEqual({ state: 'ready', since: T + 2_000 });
  });
});

describe('talking', () => {
  const connecting: TalkingStatus = { ...talking, connected: false };

  it('is connected once the phone reports the call established', () => {
    expect(accept(connecting, { type: 'callEstablished', callId: 'call-1' }, T + 4_050).status).toMatchObject({ connected: true });
  });

  it('hold needs a connected call and is idempotent', () => {
    expect(refusal(connecting, { type: 'hold', callId: 'call-1' }, T + 4_010)).toBe('not-connected');
    const held = accept(talking, { type: 'hold', callId: 'call-1' }, T + 9_000);
    expect(held.status).toMatchObject({ held: true });
    expect(held.effects).toEqual([{ kind: 'hold', callId: 'call-1', held: true }]);
    expect(accept(held.status, { type: 'hold', callId: 'call-1' }, T + 9_500).effects).toEqual([]);
    expect(accept(held.status, { type: 'unhold', callId: 'call-1' }, T + 10_000).status).toMatchObject({ held: false });
  });

  it('mute and unmute are sub-states of talking', () => {
    const muted = accept(talking, { type: 'mute', callId: 'call-1' }, T + 9_000);
    expect(muted).toMatchObject({ status: { state: 'talking', muted: true }, effects: [{ kind: 'mute', callId: 'call-1', muted: true }] });
    expect(accept(muted.status, { type: 'unmute', callId: 'call-1' }, T + 9_100).status).toMatchObject({ muted: false });
    expect(refusal(ready, { type: 'mute', callId: 'call-1' }, T)).toBe('not-talking');
  });

  it('hangup asks the phone to hang up; the state moves when the phone reports the end', () => {
    expect(accept(talking, { type: 'hangup', callId: 'call-1' }, T + 60_000)).toMatchObject({ status: talking, effects: [{ kind: 'hangup', callId: 'call-1' }] });
  });

  it('the end of a connected call starts wrap-up', () => {
    const { status, effects } = accept(talking, { type: 'callEnded', callId: 'call-1' }, T + minutes(3));
    expect(status).toEqual({ state: 'wrapUp', since: T + minutes(3), callId: 'call-1' });
    expect(effects).toEqual([stateChange(T + minutes(3), 'talking', 'wrapUp')]);
  });

  it('a call that never connected has nothing to wrap up', () => {
    expect(accept(connecting, { type: 'callEnded', callId: 'call-1' }, T + 4_500).status.state).toBe('ready');
  });

  it('reports about another call (one the desk declined) change nothing', () => {
    expect(accept(talking, { type: 'callEnded', callId: 'call-2' }, T + 5_000)).toMatchObject({ status: talking, effects: [] });
    expect(accept(wrapUp, { type: 'callEstablished', callId: 'call-2' }, T + minutes(3) + 1)).toMatchObject({ status: wrapUp, effects: [] });
  });
});

describe('consultation and transfer (咨询转接, three-way)', () => {
  const held: TalkingStatus = { ...talking, held: true };
  const consulting = accept(held, { type: 'consult', callId: 'call-1', consultCallId: 'consult-1' }, T + 20_000).status as TalkingStatus;
  const consulted = accept(consulting, { type: 'callEstablished', callId: 'consult-1' }, T + 22_000).status as TalkingStatus;

  it('needs the customer on hold first, so they never overhear the consultation', () => {
    expect(refusal(talking, { type: 'consult', callId: 'call-1', consultCallId: 'consult-1' }, T + 20_000)).toBe('not-held');
    expect(refusal({ ...held, connected: false }, { type: 'consult', callId: 'call-1', consultCallId: 'consult-1' }, T + 20_000)).toBe('not-connected');
    expect(refusal(ready, { type: 'consult', callId: 'call-1', consultCallId: 'consult-1' }, T)).toBe('not-talking');
  });

  it('dials the department as a leg of the same call: the agent stays talking, one consultation at a time', () => {
    const result = accept(held, { type: 'consult', callId: 'call-1', consultCallId: 'consult-1' }, T + 20_000);
    expect(result.status).toMatchObject({ state: 'talking', callId: 'call-1', held: true, consult: { callId: 'consult-1', since: T + 20_000, connected: false, conference: false } });
    expect(result.effects).toEqual([{ kind: 'dial', callId: 'consult-1' }]);
    expect(refusal(consulting, { type: 'consult', callId: 'call-1', consultCallId: 'consult-2' }, T + 21_000)).toBe('consult-in-progress');
    expect(consulted.consult).toMatchObject({ connected: true });
  });

  it('resume and hold are refused while consulting (the consultation steers them)', () => {
    expect(refusal(consulted, { type: 'unhold', callId: 'call-1' }, T + 23_000)).toBe('consult-in-progress');
    expect(refusal(consulted, { type: 'hold', callId: 'call-1' }, T + 23_000)).toBe('consult-in-progress');
  });

  it('a conference needs the department to have answered; then the customer is off hold and the media mixed', () => {
    expect(refusal(consulting, { type: 'conference', callId: 'call-1' }, T + 21_000)).toBe('not-connected');
    expect(refusal(held, { type: 'conference', callId: 'call-1' }, T + 21_000)).toBe('no-consult');
    const result = accept(consulted, { type: 'conference', callId: 'call-1' }, T + 25_000);
    expect(result.status).toMatchObject({ held: false, consult: { callId: 'consult-1', conference: true } });
    expect(result.effects).toEqual([{ kind: 'conference', callIds: ['call-1', 'consult-1'] }]);
    expect(accept(result.status, { type: 'conference', callId: 'call-1' }, T + 26_000).effects).toEqual([]);
  });

  it('ending the consultation hangs up the department and leaves the agent with the (held) customer at once', () => {
    const ended = accept(consulted, { type: 'endConsult', callId: 'call-1' }, T + 30_000);
    expect(ended).toMatchObject({ status: { state: 'talking', callId: 'call-1', held: true, consult: null }, effects: [{ kind: 'hangup', callId: 'consult-1' }] });
    // The phone's report of the leg's end is stale by then; resume works again.
    expect(accept(ended.status, { type: 'callEnded', callId: 'consult-1' }, T + 30_050)).toMatchObject({ status: ended.status, effects: [] });
    expect(accept(ended.status, { type: 'unhold', callId: 'call-1' }, T + 30_100).status).toMatchObject({ held: false });
    expect(refusal(held, { type: 'endConsult', callId: 'call-1' }, T + 30_000)).toBe('no-consult');
  });

  it('the department hanging up leaves the customer held, with nothing to report', () => {
    const ended = accept(consulted, { type: 'callEnded', callId: 'consult-1' }, T + 30_050);
    expect(ended).toMatchObject({ status: { state: 'talking', callId: 'call-1', held: true, consult: null }, effects: [] });
  });

  it('a department that never answers is reported to the agent', () => {
    const ended = accept(consulting, { type: 'callEnded', callId: 'consult-1' }, T + 35_000);
    expect(ended.status).toMatchObject({ state: 'talking', consult: null, held: true });
    expect(ended.effects).toEqual([{ kind: 'notify', notice: { level: 'warning', code: 'consult-failed' } }]);
  });

  it('when the customer\'s call ends (handed over, or hung up) the consult leg goes with it and wrap-up starts', () => {
    const { status, effects } = accept(consulted, { type: 'callEnded', callId: 'call-1' }, T + 40_000);
    expect(status).toEqual({ state: 'wrapUp', since: T + 40_000, callId: 'call-1' });
    expect(effects).toEqual([{ kind: 'hangup', callId: 'consult-1' }, stateChange(T + 40_000, 'talking', 'wrapUp')]);
  });

  it('a department leaving a conference leaves the customer talking to the agent, not held', () => {
    const conference = accept(consulted, { type: 'conference', callId: 'call-1' }, T + 25_000).status;
    expect(accept(conference, { type: 'callEnded', callId: 'consult-1' }, T + 50_000).status).toMatchObject({ state: 'talking', held: false, consult: null });
  });

  it('an offer during a consultation is declined 486 like any offer during a call', () => {
    expect(accept(consulting, { type: 'offer', callId: 'call-9' }, T + 21_000).effects[0]).toEqual({ kind: 'decline', callId: 'call-9', sipStatus: 486 });
  });
});

describe('wrap-up', () => {
  const deadline = wrapUp.since + 60_000;

  it('saving the wrap-up frees the agent', () => {
    expect(accept(wrapUp, { type: 'wrapUpSaved', callId: 'call-1' }, deadline - 1).status).toEqual({ state: 'ready', since: deadline - 1 });
  });

  it('saving a draft of an earlier call changes no state', () => {
    expect(accept(wrapUp, { type: 'wrapUpSaved', callId: 'call-0' }, wrapUp.since + 5).status).toEqual(wrapUp);
    expect(accept(busy, { type: 'wrapUpSaved', callId: 'call-0' }, T + 5).status).toEqual(busy);
  });

  it('while the agent types, wrap-up is not over at deadline − 1 ms', () => {
    const result = transition(wrapUp, { type: 'wrapUpExpired', callId: 'call-1' }, defaultPolicy, deadline - 1);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-due' }, status: wrapUp });
  });

  it('at the deadline the agent is ready again and what was typed becomes a draft', () => {
    const { status, effects } = accept(wrapUp, { type: 'wrapUpExpired', callId: 'call-1' }, deadline);
    expect(status).toEqual({ state: 'ready', since: deadline });
    expect(effects).toEqual([
      { kind: 'keepDraft', callId: 'call-1' },
      { kind: 'notify', notice: { level: 'info', code: 'wrap-up-expired' } },
      stateChange(deadline, 'wrapUp', 'ready'),
    ]);
  });

  it('a save that arrives after the limit finds the draft kept and the agent already ready', () => {
    const { status, effects } = accept(wrapUp, { type: 'wrapUpSaved', callId: 'call-1' }, deadline + 300);
    expect(status).toEqual({ state: 'ready', since: deadline });
    expect(effects).toContainEqual({ kind: 'keepDraft', callId: 'call-1' });
  });

  it('setting ready or busy before saving keeps the form as a draft', () => {
    expect(accept(wrapUp, { type: 'setReady' }, wrapUp.since + 10).effects).toContainEqual({ kind: 'keepDraft', callId: 'call-1' });
    expect(accept(wrapUp, { type: 'setBusy', reason: 'meal' }, wrapUp.since + 10).effects).toContainEqual({ kind: 'keepDraft', callId: 'call-1' });
  });
});

describe('busy', () => {
  it('needs a reason the policy offers', () => {
    const { status, effects } = accept(ready, { type: 'setBusy', reason: 'restroom' }, T + 10);
    expect(status).toEqual({ state: 'busy', since: T + 10, reason: 'restroom', approvedUntil: null, level: 'ok' });
    expect(effects).toEqual([stateChange(T + 10, 'ready', 'busy', 'restroom')]);
    const noMeals: Policy = { ...defaultPolicy, busyReasons: ['break'] };
    expect(refusal(ready, { type: 'setBusy', reason: 'meal' }, T, noMeals)).toBe('busy-reason-not-allowed');
  });

  it("'missed' is the desk's reason, never the agent's", () => {
    const missedAllowed: Policy = { ...defaultPolicy, busyReasons: ['missed', 'break'] };
    expect(refusal(ready, { type: 'setBusy', reason: 'missed' }, T, missedAllowed)).toBe('busy-reason-not-allowed');
  });

  it('is refused during a call and before login', () => {
    expect(refusal(talking, { type: 'setBusy', reason: 'break' }, T + 5_000)).toBe('call-in-progress');
    expect(refusal(offlineSince(T), { type: 'setBusy', reason: 'break' }, T)).toBe('not-logged-in');
  });

  it('changing the reason is recorded but does not restart the busy clock', () => {
    const { status, effects } = accept(busy, { type: 'setBusy', reason: 'meal' }, T + minutes(10));
    expect(status).toMatchObject({ reason: 'meal', since: T });
    expect(effects).toEqual([stateChange(T + minutes(10), 'busy', 'busy', 'meal')]);
    // ...so the limit still falls 15 minutes after the agent first went busy.
    expect(accept(status, { type: 'busyCheck' }, T + minutes(15)).status).toMatchObject({ level: 'overLimit' });
  });

  it('warns at 12 minutes', () => {
    const { status, effects } = accept(busy, { type: 'busyCheck' }, T + minutes(12));
    expect(status).toMatchObject({ level: 'warning' });
    expect(effects).toEqual([{ kind: 'notify', notice: { level: 'warning', code: 'busy-warning', params: { minutesLeft: 3 } } }]);
  });

  it('at limit − 1 ms it is a warning only; at the limit the over-limit event is recorded', () => {
    const warned = accept(busy, { type: 'busyCheck' }, T + minutes(12)).status;
    expect(refusal(warned, { type: 'busyCheck' }, T + minutes(15) - 1)).toBe('not-due');
    const { status, effects } = accept(warned, { type: 'busyCheck' }, T + minutes(15));
    expect(status).toMatchObject({ level: 'overLimit' });
    expect(effects).toContainEqual({ kind: 'record', record: { kind: 'busyOverLimit', at: T + minutes(15), busySince: T, reason: 'break' } });
  });

  it('an over-limit noticed late (the desk was asleep) is recorded at the true time, after the warning', () => {
    const { status, effects } = accept(busy, { type: 'setReady' }, T + minutes(40));
    expect(status).toEqual({ state: 'ready', since: T + minutes(40) });
    expect(kinds(effects)).toEqual(['notify', 'record', 'notify', 'record']);
    expect(effects[1]).toEqual({ kind: 'record', record: { kind: 'busyOverLimit', at: T + minutes(15), busySince: T, reason: 'break' } });
  });

  it('a supervisor approval extends the limit and is recorded', () => {
    const over = accept(busy, { type: 'busyCheck' }, T + minutes(16)).status;
    const { status, effects } = accept(over, { type: 'approveBusy', until: T + minutes(45), supervisorId: '9001' }, T + minutes(16));
    expect(status).toMatchObject({ state: 'busy', approvedUntil: T + minutes(45), level: 'ok' });
    expect(effects).toContainEqual({ kind: 'record', record: { kind: 'busyApproved', at: T + minutes(16), approvedUntil: T + minutes(45), supervisorId: '9001' } });
    // The warning keeps its 3-minute lead before the approved end.
    expect(refusal(status, { type: 'busyCheck' }, T + minutes(42) - 1)).toBe('not-due');
    const warned = accept(status, { type: 'busyCheck' }, T + minutes(42)).status;
    expect(warned).toMatchObject({ level: 'warning' });
    expect(refusal(warned, { type: 'busyCheck' }, T + minutes(45) - 1)).toBe('not-due');
    expect(accept(warned, { type: 'busyCheck' }, T + minutes(45)).status).toMatchObject({ level: 'overLimit' });
  });

  it('an approval must be for a busy agent and reach into the future', () => {
    expect(refusal(ready, { type: 'approveBusy', until: T + minutes(30), supervisorId: '9001' }, T)).toBe('not-busy');
    expect(refusal(busy, { type: 'approveBusy', until: T + minutes(1), supervisorId: '9001' }, T + minutes(1))).toBe('approval-in-past');
  });

  it('a supervisor puts a seat left ready into busy (away), telling the agent who; only a ready seat', () => {
    const { status, effects } = accept(ready, { type: 'forceBusy', supervisorId: '9001' }, T + 5);
    expect(status).toEqual({ state: 'busy', since: T + 5, reason: 'away', approvedUntil: null, level: 'ok' });
    expect(effects).toEqual([{ kind: 'notify', notice: { level: 'warning', code: 'forced-busy', params: { by: '9001' } } }, stateChange(T + 5, 'ready', 'busy', 'away')]);
    for (const other of [busy, ringing, talking, wrapUp]) expect(refusal(other, { type: 'forceBusy', supervisorId: '9001' }, T + 5)).toBe('not-ready');
    // Nor can the agent pick the supervisor's reason.
    expect(refusal(ready, { type: 'setBusy', reason: 'away' }, T)).toBe('busy-reason-not-allowed');
  });

  it('a zero warning threshold warns the moment the agent goes busy', () => {
    const eager: Policy = { ...defaultPolicy, busyWarnAtMs: 0 };
    expect(accept(ready, { type: 'setBusy', reason: 'break' }, T, eager).status).toMatchObject({ level: 'warning' });
  });
});

describe('invariants', () => {
  const statuses: AgentStatus[] = [offlineSince(T), ready, ringing, talking, { ...talking, connected: false }, wrapUp, busy];
  const events: AgentEvent[] = [
    { type: 'login' },
    { type: 'logout' },
    { type: 'setReady' },
    { type: 'setBusy', reason: 'break' },
    { type: 'setBusy', reason: 'missed' },
    { type: 'offer', callId: 'call-2' },
    { type: 'answer', callId: 'call-1' },
    { type: 'reject', callId: 'call-1' },
    { type: 'hangup', callId: 'call-1' },
    { type: 'hold', callId: 'call-1' },
    { type: 'unhold', callId: 'call-1' },
    { type: 'mute', callId: 'call-1' },
    { type: 'unmute', callId: 'call-1' },
    { type: 'wrapUpSaved', callId: 'call-1' },
    { type: 'callEstablished', callId: 'call-1' },
    { type: 'callEnded', callId: 'call-1' },
    { type: 'approveBusy', until: T + minutes(60), supervisorId: '9001' },
    { type: 'forceBusy', supervisorId: '9001' },
    { type: 'ringTimeout', callId: 'call-1' },
    { type: 'wrapUpExpired', callId: 'call-1' },
    { type: 'busyCheck' },
  ];
  const pairs = statuses.flatMap((status) => events.map((event) => [status, event] as const));
  const now = T + minutes(3) + 1_000;

  it('never throws; a refusal always says why', () => {
    for (const [status, event] of pairs) {
      const result = transition(status, event, defaultPolicy, now);
      if (!result.ok) expect(result.error.code).toMatch(/^[a-z-]+$/);
    }
  });

  it('only an offer to a ready agent ever rings, and every state change is recorded', () => {
    for (const [status, event] of pairs) {
      const result = transition(status, event, defaultPolicy, T + 1_000);
      if (!result.ok) continue;
      const rings = result.effects.some((e) => e.kind === 'ring');
      expect(rings).toBe(status.state === 'ready' && event.type === 'offer');
      const recorded = result.effects.some((e) => e.kind === 'record' && e.record.kind === 'stateChange');
      if (result.status.state !== status.state) expect(recorded).toBe(true);
    }
  });
});

describe('outbound calls', () => {
  const policy = defaultPolicy;
  const t0 = Date.UTC(2026, 10, 23, 2, 0);

  it('go from ready or busy to talking, not yet connected, and back to ready if they never connect', () => {
    for (const from of [{ state: 'ready', since: t0 } as const, { state: 'busy', since: t0, reason: 'meeting', approvedUntil: null, level: 'ok' } as const]) {
      const dialled = transition(from, { type: 'dial', callId: 'c1' }, policy, t0 + 1);
      expect(dialled).toMatchObject({ ok: true, status: { state: 'talking', callId: 'c1', connected: false, offeredAt: t0 + 1 } });
      expect(dialled.effects).toContainEqual({ kind: 'dial', callId: 'c1' });
      const failed = transition(dialled.status, { type: 'callEnded', callId: 'c1' }, policy, t0 + 2);
      expect(failed.status).toEqual({ state: 'ready', since: t0 + 2 });
    }
  });

  it('are refused during a call or wrap-up', () => {
    const talking = transition({ state: 'ready', since: t0 }, { type: 'dial', callId: 'c1' }, policy, t0).status;
    expect(transition(talking, { type: 'dial', callId: 'c2' }, policy, t0)).toMatchObject({ ok: false, error: { code: 'call-in-progress' } });
    const wrapUp = { state: 'wrapUp', since: t0, callId: 'c0' } as const;
    expect(transition(wrapUp, { type: 'dial', callId: 'c2' }, policy, t0)).toMatchObject({ ok: false, error: { code: 'call-in-progress' } });
  });
});
