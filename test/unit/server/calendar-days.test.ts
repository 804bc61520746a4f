import { describe, expect, it } from 'vitest';
import { addDays, datesIn, daysIn, instantsOf, monthOf } from '../../../server/calendar-days';

describe('calendar days', () => {
  it('counts both ends of a range', () => {
    expect(daysIn({ from: '2026-11-02', to: '2026-11-02' })).toBe(1);
    expect(daysIn({ from: '2026-01-01', to: '2026-03-03' })).toBe(62);
    expect(datesIn({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('steps over month, year and leap-day ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('finds the whole calendar month of a date', () => {
    expect(monthOf('2028-02-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-02-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthOf('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthOf('2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it("maps a range to the instants of the center's days", () => {
    expect(instantsOf({ from: '2026-11-10', to: '2026-11-10' }, 480)).toEqual({
      startMs: Date.parse('2026-11-09T16:00:00Z'),
      endMs: Date.parse('2026-11-10T16:00:00Z'),
    });
    expect(instantsOf({ from: '2026-11-10', to: '2026-11-11' }, -300).startMs).toBe(Date.parse('2026-11-10T05:00:00Z'));
  });
});
