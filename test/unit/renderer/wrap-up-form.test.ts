import { describe, expect, it } from 'vitest';
import { emptyWrapUpForm, localDateTimeToEpoch, toSaveWrapUp, wrapUpFormSchema } from '../../../renderer/features/wrap-up/wrap-up-form';

const callId = '0199f5a0-0000-7000-8000-000000000001';

describe('wrap-up form', () => {
  it('needs a disposition', () => {
    const result = wrapUpFormSchema.safeParse({ ...emptyWrapUpForm, resolved: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['disposition', 'dispositionRequired']]);
  });

  it('needs a promised reply time when the call is not resolved', () => {
    const result = wrapUpFormSchema.safeParse({ ...emptyWrapUpForm, disposition: 'complaint', resolved: false });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['promisedReplyAt', 'promisedReplyRequired']]);

    const garbled = wrapUpFormSchema.safeParse({ ...emptyWrapUpForm, disposition: 'complaint', promisedReplyAt: 'tomorrow' });
    expect(garbled.success).toBe(false);
  });

  it('builds main\'s saveWrapUp command: trimmed text, promised time in epoch ms', () => {
    const values = wrapUpFormSchema.parse({
      disposition: 'complaint',
      summary: '  Router keeps dropping  ',
      customerName: ' 王女士 ',
      customerContact: '13812345678',
      resolved: false,
      promisedReplyAt: '2026-11-23T16:30',
    });
    expect(toSaveWrapUp(callId, values)).toEqual({
      callId,
      disposition: 'complaint',
      summary: 'Router keeps dropping',
      customerName: '王女士',
      customerContact: '13812345678',
      resolved: false,
      promisedReplyAt: new Date(2026, 10, 23, 16, 30).getTime(),
    });
  });

  it('drops the promised time of a resolved call', () => {
    const values = wrapUpFormSchema.parse({ ...emptyWrapUpForm, disposition: 'inquiry', resolved: true, promisedReplyAt: '2026-11-23T16:30' });
    expect(toSaveWrapUp(callId, values).promisedReplyAt).toBeNull();
  });

  it('refuses a call id main would refuse', () => {
    const values = wrapUpFormSchema.parse({ ...emptyWrapUpForm, disposition: 'inquiry', resolved: true });
    expect(() => toSaveWrapUp('not-a-uuid', values)).toThrow();
  });

  it('reads datetime-local values only', () => {
    expect(localDateTimeToEpoch('')).toBeNaN();
    expect(localDateTimeToEpoch('2026-11-23')).toBeNaN();
    expect(localDateTimeToEpoch('2026-11-23T08:05:30')).toBe(new Date(2026, 10, 23, 8, 5, 30).getTime());
  });
});
