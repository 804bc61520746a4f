import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/contract/policy';
import { busyTimer } from '../../../src/domain/busy-timer';

const since = Date.UTC(2026, 10, 23, 3, 0);
const minutes = (n: number) => n * 60_000;
const unapproved = { since, approvedUntil: null };

describe('busy timer (warning at 12 min, over the limit at 15)', () => {
  it.each([
    [0, 'ok', since + minutes(12)],
    [minutes(12) - 1, 'ok', since + minutes(12)],
    [minutes(12), 'warning', since + minutes(15)],
    [minutes(15) - 1, 'warning', since + minutes(15)],
    [minutes(15), 'overLimit', null],
    [minutes(40), 'overLimit', null],
  ] as const)('after %i ms busy the level is %s, next change at %s', (elapsed, level, nextChangeAt) => {
    expect(busyTimer(unapproved, defaultPolicy, since + elapsed)).toMatchObject({ elapsedMs: elapsed, level, nextChangeAt });
  });

  it('a supervisor approval moves the limit out and keeps the warning lead before it', () => {
    const approved = { since, approvedUntil: since + minutes(30) };
    expect(busyTimer(approved, defaultPolicy, since + minutes(15))).toMatchObject({ level: 'ok', warnAt: since + minutes(27), limitAt: since + minutes(30) });
    expect(busyTimer(approved, defaultPolicy, since + minutes(30) - 1).level).toBe('warning');
    expect(busyTimer(approved, defaultPolicy, since + minutes(30)).level).toBe('overLimit');
  });

  it('an approval shorter than the policy limit never shortens it', () => {
    const approved = { since, approvedUntil: since + minutes(5) };
    expect(busyTimer(approved, defaultPolicy, since + minutes(10)).level).toBe('ok');
    expect(busyTimer(approved, defaultPolicy, since + minutes(15)).limitAt).toBe(since + minutes(15));
  });

  it('a warning threshold beyond the limit warns at the limit, never after it', () => {
    const odd = { ...defaultPolicy, busyWarnAtMs: minutes(20) };
    expect(busyTimer(unapproved, odd, since + minutes(14))).toMatchObject({ level: 'ok', warnAt: since + minutes(15) });
  });
});
