import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillPhrase, phraseSegments, type PlaceholderValues } from '../../../renderer/features/phrases/fill-placeholders';
import { nameFromDisplayName, phraseValuesOf } from '../../../renderer/features/phrases/phrase-values';
import { PHRASE_PLACEHOLDERS, type PhrasePlaceholder } from '../../../src/contract';

const marked = (name: PhrasePlaceholder) => `【${name}】`;
const values: PlaceholderValues = { agentId: '1001', agentName: '王小明', companyName: '测试客服中心', customerName: '张三' };

describe('filling a phrase', () => {
  it('puts the agent, the center and the customer in', () => {
    expect(fillPhrase('您好，{companyName}，{agentId}号为您服务。请问您是{customerName}本人吗？', values, marked)).toBe('您好，测试客服中心，1001号为您服务。请问您是张三本人吗？');
    expect(fillPhrase('{agentName}{agentName}', values, marked)).toBe('王小明王小明');
  });

  it('leaves a placeholder without a value (or a blank one) for the agent, marked', () => {
    expect(fillPhrase('请问您是{customerName}本人吗？', { ...values, customerName: '  ' }, marked)).toBe('请问您是【customerName】本人吗？');
    expect(phraseSegments('请问您是{customerName}本人吗？', {})).toEqual([
      { kind: 'text', text: '请问您是' },
      { kind: 'missing', name: 'customerName' },
      { kind: 'text', text: '本人吗？' },
    ]);
    expect(phraseSegments('{agentId}', { agentId: ' 1001 ' })).toEqual([{ kind: 'value', name: 'agentId', text: '1001' }]);
  });

  it('keeps braces that are no placeholder, and unknown placeholders, as written', () => {
    expect(fillPhrase('请按 {1} 键，{agentID}、{{agentId}}、{}', values, marked)).toBe('请按 {1} 键，{agentID}、{1001}、{}');
  });

  it('fills in one pass: a value that looks like a placeholder, or a replacement pattern, stays as typed (fast-check)', () => {
    const hostileValue = fc.oneof(fc.constantFrom('{agentId}', '{customerName}', '$&', '$1', "$'", '{{', '}', '【customerName】'), fc.string({ maxLength: 20 }));
    const template = fc.array(fc.oneof(fc.constantFrom(...PHRASE_PLACEHOLDERS).map((name) => ({ name })), fc.string({ maxLength: 8 }).filter((text) => !/[{}]/.test(text))), { maxLength: 12 });
    fc.assert(
      fc.property(template, fc.record({ agentId: hostileValue, agentName: hostileValue, companyName: hostileValue, customerName: hostileValue }), (pieces, given) => {
        const text = pieces.map((piece) => (typeof piece === 'string' ? piece : `{${piece.name}}`)).join('');
        const expected = pieces
          .map((piece) => {
            if (typeof piece === 'string') return piece;
            const value = given[piece.name].trim();
            return value === '' ? marked(piece.name) : value;
          })
          .join('');
        expect(fillPhrase(text, given, marked)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and never loses the text around placeholders, whatever the text (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        // No values: every known placeholder comes back as itself, so the text is unchanged.
        expect(fillPhrase(text, {}, (name) => `{${name}}`)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the values a desk has', () => {
  it('takes the agent and the center from the snapshot, the customer as given', () => {
    const snapshot = { agent: { agentId: '1001', name: '王小明' }, policy: { companyName: '测试客服中心' } } as Parameters<typeof phraseValuesOf>[0];
    expect(phraseValuesOf(snapshot, '张三')).toEqual(values);
    expect(phraseValuesOf({ agent: null, policy: null }, '')).toEqual({ agentId: undefined, agentName: undefined, companyName: undefined, customerName: '' });
  });

  it('takes a caller display name as the customer’s only when it is a name, not the number again', () => {
    expect(nameFromDisplayName(' 张三 ')).toBe('张三');
    expect(nameFromDisplayName('Alice Chen')).toBe('Alice Chen');
    expect(nameFromDisplayName('13812345678')).toBe('');
    expect(nameFromDisplayName('+86 138-1234-5678')).toBe('');
    expect(nameFromDisplayName('客户 13812345678')).toBe('');
    expect(nameFromDisplayName('VIP2 专线')).toBe('');
    expect(nameFromDisplayName('')).toBe('');
  });
});
