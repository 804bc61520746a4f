import { describe, expect, it } from 'vitest';
import { wrapUpDraftSchema } from '../../../src/contract';
import { attendanceFlags } from '../../../renderer/features/attendance/attendance-flags';
import { fromWrapUpDraft, toWrapUpDraft } from '../../../renderer/features/wrap-up/wrap-up-draft';
import { emptyWrapUpForm } from '../../../renderer/features/wrap-up/wrap-up-form';
import { epochToCenterDateTime } from '../../../src/domain/local-time';

/** China: UTC+8, whatever zone the machine running the tests has. */
const CHINA = 480;

const callId = '0199f5a0-0000-7000-8000-000000000001';

describe('wrap-up drafts', () => {
  it('keeps an unfinished form as typed: no disposition, untrimmed text, no promised time', () => {
    const draft = toWrapUpDraft(callId, { ...emptyWrapUpForm, summary: '  客户说路由器  ' }, CHINA);
    expect(draft).toEqual({ callId, disposition: '', summary: '  客户说路由器  ', customerName: '', customerContact: '', resolved: false, promisedReplyAt: null });
    expect(wrapUpDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('round-trips every field through main\'s draft and back into the form', () => {
    const values = {
      disposition: 'complaint',
      summary: '宽带断线，已报修',
      customerName: '王女士',
      customerContact: '13812345678',
      resolved: false,
      promisedReplyAt: '2026-11-23T16:30',
    };
    const draft = toWrapUpDraft(callId, values, CHINA);
    expect(draft.promisedReplyAt).toBe(Date.UTC(2026, 10, 23, 8, 30));
    expect(fromWrapUpDraft(draft, CHINA)).toEqual(values);
  });

  it('cuts over-long fields to main\'s limits so the rest of the draft is still kept', () => {
    const draft = toWrapUpDraft(callId, { ...emptyWrapUpForm, customerName: '名'.repeat(300), summary: 'ok' }, CHINA);
    expect(draft.customerName).toHaveLength(128);
    expect(draft.summary).toBe('ok');
  });

  it('restores a draft saved without a resolved answer or promised time', () => {
    const restored = fromWrapUpDraft({ callId, disposition: '', summary: 's', customerName: '', customerContact: '', resolved: null, promisedReplyAt: null }, CHINA);
    expect(restored).toEqual({ ...emptyWrapUpForm, summary: 's' });
  });

  it("writes epoch ms back as a datetime-local value on the center's clock", () => {
    expect(epochToCenterDateTime(Date.UTC(2026, 0, 5, 0, 7), CHINA)).toBe('2026-01-05T08:07');
    expect(epochToCenterDateTime(Date.UTC(2026, 0, 4, 16, 0), CHINA)).toBe('2026-01-05T00:00');
  });
});

describe('attendanceFlags', () => {
  const onTime = { late: false, lateByMs: 0, leftEarly: false, earlyByMs: 0, absent: false };
  it('says normal when the server flagged nothing', () => {
    expect(attendanceFlags(onTime)).toEqual([{ kind: 'normal' }]);
  });
  it('words late and early in whole minutes, rounded up', () => {
    expect(attendanceFlags({ ...onTime, late: true, lateByMs: 7 * 60_000 + 1 })).toEqual([{ kind: 'late', minutes: 8 }]);
    expect(attendanceFlags({ ...onTime, leftEarly: true, earlyByMs: 20 * 60_000 })).toEqual([{ kind: 'leftEarly', minutes: 20 }]);
  });
  it('lists absence first, with what caused it', () => {
    expect(attendanceFlags({ ...onTime, absent: true, late: true, lateByMs: 90 * 60_000 })).toEqual([{ kind: 'absent' }, { kind: 'late', minutes: 90 }]);
  });
});
