import { describe, expect, it } from 'vitest';
import { emptyWrapUpForm, toSaveWrapUp, wrapUpFormSchema } from '../../../renderer/features/wrap-up/wrap-up-form';
import { centerDateTimeToEpoch } from '../../../src/domain/local-time';

const callId = '0199f5a0-0000-7000-8000-000000000001';
/** China: UTC+8. The tests run in whatever zone the machine has; the form must not care. */
const CHINA = 480;
/** 2026-11-23 09:00 in the center. */
const NOW = Date.UTC(2026, 10, 23, 1, 0);
const schema = wrapUpFormSchema({ utcOffsetMinutes: CHINA, now: () => NOW });

describe('wrap-up form', () => {
  it('needs a disposition', () => {
    const result = schema.safeParse({ ...emptyWrapUpForm, resolved: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['disposition', 'dispositionRequired']]);
  });

  it('needs a promised reply time when the call is not resolved', () => {
    const result = schema.safeParse({ ...emptyWrapUpForm, disposition: 'complaint', resolved: false });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['promisedReplyAt', 'promisedReplyRequired']]);

    const garbled = schema.safeParse({ ...emptyWrapUpForm, disposition: 'complaint', promisedReplyAt: 'tomorrow' });
    expect(garbled.success).toBe(false);
  });

  it('refuses a promised reply time that is not ahead of now, to the minute, on the center clock', () => {
    const issues = (promisedReplyAt: string) => schema.safeParse({ ...emptyWrapUpForm, disposition: 'complaint', promisedReplyAt }).error?.issues.map((issue) => issue.message) ?? [];
    expect(issues('2026-11-23T08:59')).toEqual(['promisedReplyInPast']);
    expect(issues('2026-11-23T09:00')).toEqual(['promisedReplyInPast']);
    expect(issues('2026-11-23T09:01')).toEqual([]);
  });

  it("builds main's saveWrapUp command: trimmed text, the promised time read on the center's clock", () => {
    const values = schema.parse({
      disposition: 'complaint',
      summary: '  Router keeps dropping  ',
      customerName: ' 王女士 ',
      customerContact: '13812345678',
      resolved: false,
      promisedReplyAt: '2026-11-23T16:30',
    });
    expect(toSaveWrapUp(callId, values, CHINA)).toEqual({
      callId,
      disposition: 'complaint',
      summary: 'Router keeps dropping',
      customerName: '王女士',
      customerContact: '13812345678',
      resolved: false,
      promisedReplyAt: Date.UTC(2026, 10, 23, 8, 30),
    });
  });

  it('drops the promised time of a resolved call', () => {
    const values = schema.parse({ ...emptyWrapUpForm, disposition: 'inquiry', resolved: true, promisedReplyAt: '2026-11-23T16:30' });
    expect(toSaveWrapUp(callId, values, CHINA).promisedReplyAt).toBeNull();
  });

  it('refuses a call id main would refuse', () => {
    const values = schema.parse({ ...emptyWrapUpForm, disposition: 'inquiry', resolved: true });
    expect(() => toSaveWrapUp('not-a-uuid', values, CHINA)).toThrow();
  });

  it('reads datetime-local values only, on the center clock', () => {
    expect(centerDateTimeToEpoch('', CHINA)).toBeNaN();
    expect(centerDateTimeToEpoch('2026-11-23', CHINA)).toBeNaN();
    expect(centerDateTimeToEpoch('2026-02-30T08:05', CHINA)).toBeNaN();
    expect(centerDateTimeToEpoch('2026-11-23T08:05:30', CHINA)).toBe(Date.UTC(2026, 10, 23, 0, 5));
  });
});
