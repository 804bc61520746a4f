import { describe, expect, it } from 'vitest';
import { searchPhrases } from '../../../renderer/features/phrases/phrase-search';
import type { Phrase } from '../../../src/contract';

const phrase = (id: string, category: Phrase['category'], title: string, text: string): Phrase => ({
  id,
  category,
  dispositionCode: category === 'disposition' ? 'complaint' : null,
  title,
  text,
  sortOrder: 1,
  editedBy: null,
  editedAt: null,
});
const book: Phrase[] = [
  phrase('g', 'greeting', '标准问候', '您好，{companyName}，{agentId}号为您服务，请问有什么可以帮您？'),
  phrase('a', 'apology', '未及时接听', '非常抱歉让您久等了！'),
  phrase('t', 'transfer', '转接相关部门', '现在为您转接，请您稍候，不要挂机。'),
  phrase('v', 'verification', 'VIP 核实', '请问您是VIP客户吗？'),
  phrase('d', 'disposition', '投诉受理', '客户来电投诉……，已详细记录。'),
];
const ids = (found: Phrase[]) => found.map((found) => found.id);
const labels = (found: Phrase) => ({ greeting: '问候', apology: '致歉', transfer: '转接', verification: '核实', closing: '结束语', disposition: '业务类别 · 投诉' })[found.category];

describe('searchPhrases', () => {
  it('lists everything, in book order, for an empty query', () => {
    expect(ids(searchPhrases(book, ''))).toEqual(['g', 'a', 't', 'v', 'd']);
    expect(ids(searchPhrases(book, ' \u3000 '))).toHaveLength(5);
  });

  it('finds Chinese in titles and texts without spaces', () => {
    expect(ids(searchPhrases(book, '久等'))).toEqual(['a']);
    expect(ids(searchPhrases(book, '问候'))).toEqual(['g']);
    expect(ids(searchPhrases(book, '转接'))).toEqual(['t']);
    expect(ids(searchPhrases(book, '稍候 挂机'))).toEqual(['t']);
    expect(searchPhrases(book, '久等 挂机')).toEqual([]);
  });

  it('ignores case and full-width forms, and finds by the group as shown', () => {
    expect(ids(searchPhrases(book, 'vip'))).toEqual(['v']);
    expect(ids(searchPhrases(book, 'ＶＩＰ'))).toEqual(['v']);
    expect(ids(searchPhrases(book, '致歉', labels))).toEqual(['a']);
    expect(ids(searchPhrases(book, '投诉', labels))).toEqual(['d']);
    expect(ids(searchPhrases(book, '{agentId}'))).toEqual(['g']);
  });

  it('never changes the book', () => {
    const before = JSON.stringify(book);
    searchPhrases(book, '问候');
    expect(JSON.stringify(book)).toBe(before);
  });
});
