import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../src/contract/policy';
import type { RingingStatus } from '../../../src/domain/agent-status';
import { answerRinging, ringTimeoutOutcome } from '../../../src/domain/ring-outcome';

const offeredAt = Date.UTC(2026, 10, 23, 1, 0);
const deadline = offeredAt + 15_000;
const ringing: RingingStatus = { state: 'ringing', since: offeredAt, callId: 'call-1', overdue: false };
const withAction = (onRingTimeout: Policy['onRingTimeout']): Policy => ({ ...defaultPolicy, onRingTimeout });

describe('answering a ringing offer', () => {
  it('in time: ring 3 at deadline − 1 ms, no apology', () => {
    const { status, effects } = answerRinging(ringing, defaultPolicy, deadline - 1);
    expect(status).toMatchObject({ state: 'talking', since: deadline - 1, offeredAt, ringsAtAnswer: 3, late: false, connected: false });
    expect(effects).toContainEqual({ kind: 'answer', callId: 'call-1' });
    expect(effects.filter((e) => e.kind === 'notify')).toEqual([]);
  });

  it('late: the agent is reminded to apologise', () => {
    const { status, effects } = answerRinging({ ...ringing, overdue: true }, defaultPolicy, deadline + 2_000);
    expect(status).toMatchObject({ state: 'talking', ringsAtAnswer: 4, late: true });
    expect(effects).toContainEqual({ kind: 'notify', notice: { level: 'warning', code: 'apologize-late-answer' } });
  });
});

describe('ring timeout outcome by policy', () => {
  it('reject-and-pause: declines 480, pauses the agent as busy (missed), records the missed ring, says why', () => {
    const { status, effects } = ringTimeoutOutcome(ringing, withAction('reject-and-pause'), deadline);
    expect(status).toEqual({ state: 'busy', since: deadline, reason: 'missed', approvedUntil: null, level: 'ok' });
    expect(effects).toEqual([
      { kind: 'decline', callId: 'call-1', sipStatus: 480 },
      { kind: 'record', record: { kind: 'missedRing', at: deadline, callId: 'call-1', rings: 3, action: 'reject-and-pause' } },
      { kind: 'record', record: { kind: 'stateChange', at: deadline, from: 'ringing', to: 'busy', busyReason: 'missed', callId: null } },
      { kind: 'notify', notice: { level: 'warning', code: 'missed-call', params: { rings: 3 } } },
    ]);
  });

  it('keep-ringing: rings on, overdue, and a later answer is late', () => {
    const policy = withAction('keep-ringing');
    const { status, effects } = ringTimeoutOutcome(ringing, policy, deadline);
    expect(status).toEqual({ ...ringing, overdue: true });
    expect(effects.some((e) => e.kind === 'decline' || e.kind === 'answer')).toBe(false);
    expect(effects).toContainEqual({ kind: 'record', record: { kind: 'missedRing', at: deadline, callId: 'call-1', rings: 3, action: 'keep-ringing' } });
    expect(answerRinging(status as RingingStatus, policy, deadline + 7_000).status).toMatchObject({ late: true, ringsAtAnswer: 5 });
  });

  it('auto-answer: answers for the agent, late, with the apology reminder', () => {
    const { status, effects } = ringTimeoutOutcome(ringing, withAction('auto-answer'), deadline);
    expect(status).toMatchObject({ state: 'talking', since: deadline, late: true });
    expect(effects).toContainEqual({ kind: 'answer', callId: 'call-1' });
    expect(effects.map((e) => (e.kind === 'notify' ? e.notice.code : e.kind))).toEqual([
      'record',
      'auto-answered',
      'answer',
      'apologize-late-answer',
      'record',
    ]);
  });
});
