import { describe, expect, it } from 'vitest';
import { numbersIn, searchDigits, searchPhrases, searchWords } from '../../../src/domain/search-text';

describe('searchDigits: a typed number in any grouping', () => {
  it('reads 138 1234 5678, 138-1234-5678, (138)1234.5678, full-width digits and 13812345678 alike', () => {
    for (const typed of ['138 1234 5678', '138-1234-5678', '(138)1234.5678', '１３８１２３４５６７８', '13812345678', ' 138—1234 5678 ']) {
      expect(searchDigits(typed)).toBe('13812345678');
    }
  });

  it('drops the country code +86 / 0086, and only in front', () => {
    expect(searchDigits('+86 138 1234 5678')).toBe('13812345678');
    expect(searchDigits('0086-138-1234-5678')).toBe('13812345678');
    expect(searchDigits('010 8612 3456')).toBe('01086123456');
  });

  it('keeps only digits of anything else', () => {
    expect(searchDigits('abc')).toBe('');
    expect(searchDigits('"1" OR 2=2; --')).toBe('122');
  });
});

describe('numbersIn: the numbers written in a contact field', () => {
  it('keeps a grouped number whole and separates numbers that a slash, comma or word splits', () => {
    expect(numbersIn('138 1234 5678')).toEqual(['13812345678']);
    expect(numbersIn('138 1234 5678 / 010-8765 4321')).toEqual(['13812345678', '01087654321']);
    expect(numbersIn('手机13812345678，座机(0571)87654321')).toEqual(['13812345678', '057187654321']);
    expect(numbersIn('zhang@example.com')).toEqual([]);
  });
});

describe('searchWords: words, with each Han, kana and Hangul character a word of its own', () => {
  it('splits Chinese into characters and keeps Latin words and numbers whole', () => {
    expect(searchWords('宽带断线，已登记报修 Router-5 单号A1234')).toEqual(['宽', '带', '断', '线', '已', '登', '记', '报', '修', 'Router', '5', '单', '号', 'A1234']);
  });

  it('normalises full-width letters and digits (NFKC) and drops punctuation and emoji', () => {
    expect(searchWords('ＲＯＵＴＥＲ　１２ 😀 "*" -NEAR()')).toEqual(['ROUTER', '12', 'NEAR']);
  });

  it('splits kana and Hangul too, and keeps accented Latin letters in their word', () => {
    expect(searchWords('カタカナ 한국 café')).toEqual(['カ', 'タ', 'カ', 'ナ', '한', '국', 'café']);
  });
});

describe('searchPhrases: a typed search as phrases that must all be found', () => {
  it('makes one phrase of each space-separated part, and drops parts without a word', () => {
    expect(searchPhrases('断线  router "" 😀 已报修')).toEqual([['断', '线'], ['router'], ['已', '报', '修']]);
    expect(searchPhrases('*** -- ""')).toEqual([]);
  });

  it('keeps at most the first eight phrases', () => {
    expect(searchPhrases('a b c d e f g h i j')).toHaveLength(8);
  });
});
