import { describe, expect, it } from 'vitest';
import { DeskError, RemoteError, RpcClosedError, RpcTimeoutError } from '../../../src/rpc';
import { noticeKey, noticeText } from '../../../renderer/i18n/notice-text';
import { formatDuration, secondsLeft } from '../../../src/domain/format-duration';
import { errorCode } from '../../../renderer/shared/error-code';
import en from '../../../renderer/i18n/locales/en.json';
import zhCN from '../../../renderer/i18n/locales/zh-CN.json';

describe('formatDuration', () => {
  it('shows m:ss under an hour and h:mm:ss above', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59_999)).toBe('0:59');
    expect(formatDuration(15 * 60_000)).toBe('15:00');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatDuration(-5_000)).toBe('0:00');
  });

  it('counts seconds left up, so 0 means the deadline really passed', () => {
    expect(secondsLeft(15_000, 0)).toBe(15);
    expect(secondsLeft(15_000, 14_001)).toBe(1);
    expect(secondsLeft(15_000, 15_000)).toBe(0);
    expect(secondsLeft(15_000, 20_000)).toBe(0);
  });
});

describe('notices and errors', () => {
  const known = ['bad-credentials', 'server-unreachable', 'server-error', 'session-ended', 'invalid-params', 'wrap-up-saved', 'wrap-up-saved-offline', 'registration-failed'];

  it('has a sentence for every known code in both languages, and a generic one for the rest', () => {
    for (const code of known) {
      expect(noticeKey(code)).toBe(`notice.${code}`);
      expect(zhCN.notice[code as keyof typeof zhCN.notice]).toBeTruthy();
      expect(en.notice[code as keyof typeof en.notice]).toBeTruthy();
    }
    expect(zhCN.notice['bad-credentials']).toBe('工号或密码错误');
    expect(noticeKey('never-heard-of-it')).toBe('notice.unknown');
    expect(zhCN.notice.unknown).toContain('{{code}}');
  });

  it('a survey result notice names the rating in words, in both languages', async () => {
    const { createInstance } = await import('i18next');
    for (const [lng, expected] of [
      ['zh-CN', '客户 13812345678 的满意度评价已返回（评价：不满意）'],
      ['en', 'Survey result from 13812345678 (Rated: dissatisfied)'],
    ] as const) {
      const i18n = createInstance();
      await i18n.init({ lng, resources: { [lng]: { translation: lng === 'en' ? en : zhCN } }, interpolation: { escapeValue: false } });
      expect(noticeText(i18n.t, 'survey-result', { number: '13812345678', rating: 'dissatisfied' })).toBe(expected);
    }
  });

  it('both locales have exactly the same keys', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`)) : [prefix];
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('shows the code main gave, and desk-unreachable when the RPC itself failed', () => {
    expect(errorCode(new RemoteError('DeskError', 'wrong', 'bad-credentials'))).toBe('bad-credentials');
    expect(errorCode(new DeskError('server-unreachable', 'down'))).toBe('server-unreachable');
    expect(errorCode(new RpcClosedError())).toBe('desk-unreachable');
    expect(errorCode(new RpcTimeoutError('desk', 'login', 15_000))).toBe('desk-unreachable');
    expect(errorCode('weird')).toBe('server-error');
  });
});
