import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarEntryKind } from '../../../src/contract';
import { localDateOf } from '../../../src/domain/local-time';
import { isWorkingDay, weekdayOf, type WorkingDayCalendar } from '../../../src/domain/working-days';

/** Any date from 1970 to 2199. */
const anyDate = fc.integer({ min: 0, max: 84_000 }).map((days) => localDateOf(days * 86_400_000, 0));
const anyKind = fc.constantFrom<CalendarEntryKind>('holiday', 'workday');
const calendarOf = (entries: Array<[string, CalendarEntryKind]>): WorkingDayCalendar => new Map(entries);

describe('the day of the week', () => {
  it('of known dates, whatever the host time zone', () => {
    expect(weekdayOf('2026-10-01')).toBe(4); // 国庆, a Thursday
    expect(weekdayOf('2026-10-11')).toBe(0); // a Sunday
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(weekdayOf('1970-01-01')).toBe(4);
  });

  it('refuses a date that does not exist', () => {
    expect(() => weekdayOf('2026-02-30')).toThrow('no such date: 2026-02-30');
    expect(() => weekdayOf('2026/10/01')).toThrow('not a date');
  });
});

describe('a working day', () => {
  // October 2026: 国庆 on Thursday the 1st, a make-up working day on Sunday the 11th.
  const october = calendarOf([
    ['2026-10-01', 'holiday'],
    ['2026-10-11', 'workday'],
  ]);

  it('is Monday to Friday with no calendar', () => {
    expect(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'].map((date) => isWorkingDay(date))).toEqual([true, true, true, true, true]);
    expect(isWorkingDay('2026-10-10')).toBe(false);
    expect(isWorkingDay('2026-10-11')).toBe(false);
  });

  it('is not a weekday holiday, and is a weekend make-up day', () => {
    expect(isWorkingDay('2026-10-01', october)).toBe(false);
    expect(isWorkingDay('2026-10-11', october)).toBe(true);
    // The days around them follow the week.
    expect(isWorkingDay('2026-10-02', october)).toBe(true);
    expect(isWorkingDay('2026-10-10', october)).toBe(false);
  });

  it('an entry that agrees with the week changes nothing', () => {
    expect(isWorkingDay('2026-10-03', calendarOf([['2026-10-03', 'holiday']]))).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-06', calendarOf([['2026-10-06', 'workday']]))).toBe(true); // Tuesday
  });

  it('a holiday is never a working day and a make-up day always is, whatever the weekday', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(isWorkingDay(date, calendarOf([[date, 'holiday']]))).toBe(false);
        expect(isWorkingDay(date, calendarOf([[date, 'workday']]))).toBe(true);
      }),
    );
  });

  it('without an entry, exactly five days of any seven in a row are working days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 84_000 }), (start) => {
        const week = Array.from({ length: 7 }, (_, offset) => localDateOf((start + offset) * 86_400_000, 0));
        expect(week.filter((date) => isWorkingDay(date)).length).toBe(5);
      }),
    );
  });

  it("an entry decides its own date only: every other date is as the week says", () => {
    fc.assert(
      fc.property(anyDate, anyKind, anyDate, (marked, kind, other) => {
        fc.pre(marked !== other);
        expect(isWorkingDay(other, calendarOf([[marked, kind]]))).toBe(isWorkingDay(other));
      }),
    );
  });
});
