import { describe, expect, it } from 'vitest';
import { surveySkipFormSchema } from '../../../renderer/features/call/survey-skip-form';
import { deskApiSchemas } from '../../../src/contract';
import zhCN from '../../../renderer/i18n/locales/zh-CN.json';
import { QUICK_SKIP_REASONS } from '../../../renderer/features/call/survey-skip-form';

describe('the reason for skipping the survey', () => {
  it('is required, and blank is not a reason', () => {
    expect(surveySkipFormSchema.safeParse({ reason: '' }).success).toBe(false);
    expect(surveySkipFormSchema.safeParse({ reason: '   ' }).error?.issues[0]?.message).toBe('skipReasonRequired');
    expect(surveySkipFormSchema.safeParse({ reason: 'x'.repeat(201) }).error?.issues[0]?.message).toBe('skipReasonTooLong');
  });

  it('is trimmed, and every quick choice is a reason main accepts', () => {
    expect(surveySkipFormSchema.parse({ reason: '  客户拒绝评价 ' }).reason).toBe('客户拒绝评价');
    for (const choice of QUICK_SKIP_REASONS) {
      const reason = zhCN.call.skipReasons[choice];
      expect(deskApiSchemas.endWithoutSurvey.safeParse({ callId: 'c1', reason }).success).toBe(true);
    }
    expect(Object.values(zhCN.call.skipReasons)).toEqual(['客户拒绝评价', '客户已挂机', '转接其他部门']);
  });
});
