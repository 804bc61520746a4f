import { describe, expect, it } from 'vitest';
import en from '../../../board/i18n/locales/en.json';
import zhCN from '../../../board/i18n/locales/zh-CN.json';

describe("the board's locales", () => {
  it('both have exactly the same keys', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`)) : [prefix];
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });
});
