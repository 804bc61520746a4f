import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueReminders, nextReminderAt, promiseUrgency, type RemindablePromise } from '../../../src/domain/promise-reminders';

const MIN = 60_000;
const LEAD = 15 * MIN;
const DUE = 1_000_000_000;
const fresh = (id = 'p1', dueAt = DUE): RemindablePromise => ({ id, dueAt, reminded: { soon: false, due: false } });

describe('promise urgency', () => {
  it('turns soon exactly at the lead and overdue exactly at the due time', () => {
    expect(promiseUrgency(DUE, LEAD, DUE - LEAD - 1)).toBe('later');
    expect(promiseUrgency(DUE, LEAD, DUE - LEAD)).toBe('soon');
    expect(promiseUrgency(DUE, LEAD, DUE - 1)).toBe('soon');
    expect(promiseUrgency(DUE, LEAD, DUE)).toBe('overdue');
  });

  it('has no soon without a lead', () => {
    expect(promiseUrgency(DUE, 0, DUE - 1)).toBe('later');
    expect(promiseUrgency(DUE, 0, DUE)).toBe('overdue');
  });
});

describe('promise reminders', () => {
  it('reminds soon at the lead, then due at the due time, each once', () => {
    expect(nextReminderAt([fresh()], LEAD, DUE - LEAD - 1)).toBe(DUE - LEAD);
    expect(dueReminders([fresh()], LEAD, DUE - LEAD - 1).due).toEqual([]);
    expect(dueReminders([fresh()], LEAD, DUE - LEAD).due).toEqual([{ id: 'p1', kind: 'soon' }]);
    const afterSoon: RemindablePromise = { ...fresh(), reminded: { soon: true, due: false } };
    expect(dueReminders([afterSoon], LEAD, DUE - 1).due).toEqual([]);
    expect(nextReminderAt([afterSoon], LEAD, DUE - LEAD)).toBe(DUE);
    expect(dueReminders([afterSoon], LEAD, DUE).due).toEqual([{ id: 'p1', kind: 'due' }]);
    const done: RemindablePromise = { ...fresh(), reminded: { soon: true, due: true } };
    expect(dueReminders([done], LEAD, DUE + 10 * MIN).due).toEqual([]);
    expect(nextReminderAt([done], LEAD, DUE)).toBeNull();
  });

  it('gives a promise found past due only the due reminder, the soon one passed by', () => {
    const late = dueReminders([fresh()], LEAD, DUE + MIN);
    expect(late.due).toEqual([{ id: 'p1', kind: 'due' }]);
    expect(late.skipped).toEqual([{ id: 'p1', kind: 'soon' }]);
  });

  it('never gives a reminder twice, nor misses one, whenever it looks (generated looks)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 * MIN }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 20 * MIN }), (steps, lead) => {
        let promise = fresh('p', 30 * MIN);
        let now = 0;
        const given: string[] = [];
        for (const step of steps) {
          now += step;
          const { due, skipped } = dueReminders([promise], lead, now);
          for (const reminder of [...due, ...skipped]) promise = { ...promise, reminded: { ...promise.reminded, [reminder.kind]: true } };
          given.push(...due.map((reminder) => reminder.kind));
          const next = nextReminderAt([promise], lead, now);
          if (next !== null) expect(next).toBeGreaterThan(now);
        }
        expect(new Set(given).size).toBe(given.length);
        if (now >= 30 * MIN) expect(given).toContain('due');
      }),
    );
  });
});
