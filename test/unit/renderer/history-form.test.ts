import { describe, expect, it } from 'vitest';
import { historyQuerySchema } from '../../../src/contract';
import { wallTimeLabel } from '../../../src/domain/local-time';
import { emptyHistoryForm, historyFormSchema, toHistoryQuery, type HistoryFormValues } from '../../../renderer/features/history/history-form';

const CHINA = 480;
const form = (values: Partial<HistoryFormValues>): HistoryFormValues => ({ ...emptyHistoryForm, ...values });
const errorsOf = (values: Partial<HistoryFormValues>) => {
  const result = historyFormSchema.safeParse(form(values));
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
};

describe('the history search form', () => {
  it('takes a number in any grouping, and asks for at least three digits', () => {
    expect(errorsOf({ number: '138 1234 5678' })).toEqual([]);
    expect(errorsOf({ number: '' })).toEqual([]);
    expect(errorsOf({ number: '13' })).toEqual(['number:numberTooShort']);
    expect(errorsOf({ number: 'abc' })).toEqual(['number:numberTooShort']);
  });

  it('refuses an end date before the start date', () => {
    expect(errorsOf({ from: '2026-11-20', to: '2026-11-19' })).toEqual(['to:dateOrder']);
    expect(errorsOf({ from: '2026-11-20', to: '2026-11-20' })).toEqual([]);
  });

  it("turns the center's days into a range of instants, both days included, whatever the machine's zone", () => {
    const query = toHistoryQuery(form({ from: '2026-11-20', to: '2026-11-21', disposition: 'repair', direction: 'inbound', rating: 'none', number: ' 138 ' }), CHINA);
    expect(query).toMatchObject({ from: Date.parse('2026-11-20T00:00+08:00'), before: Date.parse('2026-11-22T00:00+08:00'), disposition: 'repair', direction: 'inbound', rating: 'none', number: '138', cursor: null });
    expect(historyQuerySchema.safeParse(query).success).toBe(true);
    expect(toHistoryQuery(emptyHistoryForm, CHINA)).toMatchObject({ from: null, before: null, disposition: null, direction: null, rating: null });
  });
});

describe('wallTimeLabel', () => {
  const now = Date.parse('2026-11-23T10:00+08:00');

  it("shows the center's time only for a call of the center's today, even where the machine's date differs", () => {
    // 00:30 in Beijing is still the 22nd in UTC.
    expect(wallTimeLabel(Date.parse('2026-11-23T00:30+08:00'), now, CHINA)).toEqual({ date: null, time: '00:30' });
  });

  it('adds the date for another day, and the year for another year', () => {
    expect(wallTimeLabel(Date.parse('2026-11-22T23:59+08:00'), now, CHINA)).toEqual({ date: '11-22', time: '23:59' });
    expect(wallTimeLabel(Date.parse('2025-12-31T08:05+08:00'), now, CHINA)).toEqual({ date: '2025-12-31', time: '08:05' });
  });
});
