import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../src/contract/policy';
import type { Effect } from '../../../src/domain/agent-effect';
import type { AgentEvent } from '../../../src/domain/agent-event';
import { transition } from '../../../src/domain/agent-state';
import { offlineSince, type AgentStatus } from '../../../src/domain/agent-status';
import { ManualClock, type ClockTimer } from '../../../src/domain/clock';
import { catchUp, nextTimedEvent, nextWakeUpAt } from '../../../src/domain/timed-events';

const T = Date.UTC(2026, 10, 23, 1, 0);
const minutes = (n: number) => n * 60_000;

describe('nextTimedEvent', () => {
  it('names the rule due next for each state', () => {
    expect(nextTimedEvent({ state: 'ready', since: T }, defaultPolicy)).toBeNull();
    expect(nextTimedEvent({ state: 'ringing', since: T, callId: 'c', overdue: false }, defaultPolicy)).toEqual({
      at: T + 15_000,
      event: { type: 'ringTimeout', callId: 'c' },
    });
    expect(nextTimedEvent({ state: 'ringing', since: T, callId: 'c', overdue: true }, defaultPolicy)).toBeNull();
    expect(nextTimedEvent({ state: 'wrapUp', since: T, callId: 'c' }, defaultPolicy)).toEqual({ at: T + 60_000, event: { type: 'wrapUpExpired', callId: 'c' } });
    const busy = { state: 'busy', since: T, reason: 'break', approvedUntil: null } as const;
    expect(nextTimedEvent({ ...busy, level: 'ok' }, defaultPolicy)?.at).toBe(T + minutes(12));
    expect(nextTimedEvent({ ...busy, level: 'warning' }, defaultPolicy)?.at).toBe(T + minutes(15));
    expect(nextTimedEvent({ ...busy, level: 'overLimit' }, defaultPolicy)).toBeNull();
  });
});

describe('nextWakeUpAt', () => {
  it('wakes for the ring cadence while ringing, for the rule otherwise, and not at all when idle', () => {
    const ringing: AgentStatus = { state: 'ringing', since: T, callId: 'c', overdue: false };
    expect(nextWakeUpAt(ringing, defaultPolicy, T)).toBe(T + 1_000);
    expect(nextWakeUpAt(ringing, defaultPolicy, T + 14_000)).toBe(T + 15_000);
    expect(nextWakeUpAt({ state: 'wrapUp', since: T, callId: 'c' }, defaultPolicy, T + 5)).toBe(T + 60_000);
    expect(nextWakeUpAt({ state: 'ready', since: T }, defaultPolicy, T)).toBeNull();
  });

  it('keeps the cadence going for an overdue offer that rings on', () => {
    const overdue: AgentStatus = { state: 'ringing', since: T, callId: 'c', overdue: true };
    expect(nextWakeUpAt(overdue, defaultPolicy, T + 15_000)).toBe(T + 16_000);
  });
});

describe('catchUp', () => {
  it('applies overdue rules in order, each at its own instant', () => {
    const { status, effects } = catchUp({ state: 'busy', since: T, reason: 'meal', approvedUntil: null, level: 'ok' }, defaultPolicy, T + minutes(20));
    expect(status).toMatchObject({ level: 'overLimit', since: T });
    expect(effects.map((e) => (e.kind === 'notify' ? e.notice.code : e.kind))).toEqual(['busy-warning', 'record', 'busy-over-limit']);
  });

  it('changes nothing when nothing is due', () => {
    const wrapUp: AgentStatus = { state: 'wrapUp', since: T, callId: 'c' };
    expect(catchUp(wrapUp, defaultPolicy, T + 59_999)).toEqual({ status: wrapUp, effects: [] });
  });
});

/** What the main process does: one Clock timer at nextWakeUpAt, feeding the due event. */
class RulesOnAClock {
  status: AgentStatus;
  readonly effects: { at: number; effect: Effect }[] = [];
  readonly wakeUps: number[] = [];
  private timer: ClockTimer | undefined;

  constructor(
    private readonly clock: ManualClock,
    private readonly policy: Policy,
  ) {
    this.status = offlineSince(clock.now());
  }

  send(event: AgentEvent): void {
    const result = transition(this.status, event, this.policy, this.clock.now());
    this.status = result.status;
    this.effects.push(...result.effects.map((effect) => ({ at: this.clock.now(), effect })));
    this.schedule();
  }

  private schedule(): void {
    this.clock.clearTimeout(this.timer);
    const at = nextWakeUpAt(this.status, this.policy, this.clock.now());
    if (at === null) return;
    this.timer = this.clock.setTimeout(() => {
      this.wakeUps.push(this.clock.now() - T);
      const due = nextTimedEvent(this.status, this.policy);
      if (due && due.at <= this.clock.now()) this.send(due.event);
      else this.schedule();
    }, at - this.clock.now());
  }
}

describe('the rules driven by a clock', () => {
  function loggedIn(policy: Policy = defaultPolicy) {
    const clock = new ManualClock(T);
    const desk = new RulesOnAClock(clock, policy);
    desk.send({ type: 'login' });
    return { clock, desk };
  }

  it('an unanswered offer rings three times and times out at exactly 15 s', () => {
    const { clock, desk } = loggedIn();
    desk.send({ type: 'offer', callId: 'call-1' });
    clock.advance(14_999);
    expect(desk.status.state).toBe('ringing');
    clock.advance(1);
    expect(desk.status).toMatchObject({ state: 'busy', reason: 'missed', since: T + 15_000 });
    expect(desk.wakeUps).toEqual([1_000, 5_000, 6_000, 10_000, 11_000, 15_000]);
    expect(desk.effects).toContainEqual({ at: T + 15_000, effect: { kind: 'decline', callId: 'call-1', sipStatus: 480 } });
    expect(clock.pendingTimers).toBe(1); // now the busy clock's warning
  });

  it('an answer cancels the ring timeout', () => {
    const { clock, desk } = loggedIn();
    desk.send({ type: 'offer', callId: 'call-1' });
    clock.advance(7_000);
    desk.send({ type: 'answer', callId: 'call-1' });
    expect(desk.status).toMatchObject({ state: 'talking', ringsAtAnswer: 2 });
    expect(clock.pendingTimers).toBe(0);
    clock.advance(minutes(5));
    expect(desk.status.state).toBe('talking');
  });

  it('busy warns at 12 minutes and reports over the limit at exactly 15', () => {
    const { clock, desk } = loggedIn();
    desk.send({ type: 'setBusy', reason: 'break' });
    clock.advance(minutes(12));
    expect(desk.effects.at(-1)).toEqual({ at: T + minutes(12), effect: { kind: 'notify', notice: { level: 'warning', code: 'busy-warning', params: { minutesLeft: 3 } } } });
    clock.advance(minutes(3) - 1);
    expect(desk.status).toMatchObject({ level: 'warning' });
    clock.advance(1);
    expect(desk.status).toMatchObject({ level: 'overLimit' });
    expect(desk.effects).toContainEqual({ at: T + minutes(15), effect: { kind: 'record', record: { kind: 'busyOverLimit', at: T + minutes(15), busySince: T, reason: 'break' } } });
    expect(clock.pendingTimers).toBe(0);
  });

  it('wrap-up ends at exactly 60 s with the form kept as a draft', () => {
    const { clock, desk } = loggedIn();
    desk.send({ type: 'offer', callId: 'call-1' });
    desk.send({ type: 'answer', callId: 'call-1' });
    desk.send({ type: 'callEstablished', callId: 'call-1' });
    clock.advance(minutes(2));
    desk.send({ type: 'callEnded', callId: 'call-1' });
    clock.advance(59_999);
    expect(desk.status.state).toBe('wrapUp');
    clock.advance(1);
    expect(desk.status).toEqual({ state: 'ready', since: T + minutes(3) });
    expect(desk.effects).toContainEqual({ at: T + minutes(3), effect: { kind: 'keepDraft', callId: 'call-1' } });
  });
});
