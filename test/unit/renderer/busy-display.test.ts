import { describe, expect, it } from 'vitest';
import type { BusyView } from '../../../src/contract';
import { busyAlertFor } from '../../../renderer/features/status/busy-alert';
import { busyDisplay, formatClock } from '../../../renderer/features/status/busy-display';

const minute = 60_000;
const since = 1_000_000;
function busy(level: BusyView['level'], limitMinutes = 15): Pick<BusyView, 'since' | 'limitAt' | 'level'> {
  return { since, limitAt: since + limitMinutes * minute, level };
}

describe('formatClock', () => {
  it('shows mm:ss without wrapping minutes into hours', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(59_999)).toBe('00:59');
    expect(formatClock(12 * minute + 4_000)).toBe('12:04');
    expect(formatClock(75 * minute + 3_000)).toBe('75:03');
    expect(formatClock(-1)).toBe('00:00');
  });
});

describe('busyDisplay', () => {
  it('shows elapsed time against the allowance and what is left', () => {
    expect(busyDisplay(busy('ok'), since + 3 * minute + 12_000)).toEqual({ elapsed: '03:12', limit: '15:00', left: '11:48', over: null });
  });

  it('counts down to 00:00 only when the limit is really reached', () => {
    expect(busyDisplay(busy('warning'), since + 15 * minute - 1).left).toBe('00:01');
  });

  it('says by how much the limit is passed once main says overLimit', () => {
    expect(busyDisplay(busy('overLimit'), since + 17 * minute + 30_000)).toEqual({ elapsed: '17:30', limit: '15:00', left: null, over: '02:30' });
  });

  it('shows an approved longer allowance', () => {
    expect(busyDisplay(busy('ok', 45), since + 20 * minute).limit).toBe('45:00');
  });

  it('takes the level from main, not from its own arithmetic', () => {
    // Past limitAt by the display clock, but main has not said overLimit yet: no "over" shown.
    expect(busyDisplay(busy('warning'), since + 16 * minute)).toMatchObject({ left: '00:00', over: null });
  });
});

describe('busyAlertFor', () => {
  it('alerts when main raises the level of a busy period', () => {
    expect(busyAlertFor({ since, level: 'ok' }, { since, level: 'warning' })).toBe('warning');
    expect(busyAlertFor({ since, level: 'warning' }, { since, level: 'overLimit' })).toBe('overLimit');
    expect(busyAlertFor({ since, level: 'ok' }, { since, level: 'overLimit' })).toBe('overLimit');
  });

  it('stays quiet for a repeated snapshot, a lower level (an approval) or no busy at all', () => {
    expect(busyAlertFor({ since, level: 'warning' }, { since, level: 'warning' })).toBeNull();
    expect(busyAlertFor({ since, level: 'warning' }, { since, level: 'ok' })).toBeNull();
    expect(busyAlertFor({ since, level: 'ok' }, { since, level: 'ok' })).toBeNull();
    expect(busyAlertFor({ since, level: 'warning' }, null)).toBeNull();
  });

  it('treats a new busy period as starting from ok, and a page opened mid-warning alerts once', () => {
    expect(busyAlertFor({ since, level: 'overLimit' }, { since: since + 1, level: 'warning' })).toBe('warning');
    expect(busyAlertFor(null, { since, level: 'warning' })).toBe('warning');
    expect(busyAlertFor(null, { since, level: 'ok' })).toBeNull();
  });
});
