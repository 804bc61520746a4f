import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PHRASE_PLACEHOLDERS,
  PHRASE_TEXT_MAX,
  phraseOrderRequestSchema,
  phraseParts,
  phraseRequestSchema,
  phraseSchema,
  unknownPlaceholdersIn,
  type PhrasePart,
} from '../../../src/contract';

/** Text made to look like placeholders: braces, known and unknown names, CJK, line breaks. */
const hostilePiece = fc.oneof(
  fc.constantFrom('{', '}', '{}', '{{', '}}', '{agentId}', '{agentId', 'agentId}', '{{agentId}}', '{agentID}', '{customer_name}', '{客户}', '{1}', '{ agentId }', '\n', '话', '𠮷', '😀', '$&', '$1'),
  fc.constantFrom(...PHRASE_PLACEHOLDERS).map((name) => `{${name}}`),
  fc.string({ maxLength: 6 }),
);
const hostileText = fc.array(hostilePiece, { maxLength: 40 }).map((pieces) => pieces.join(''));

const asText = (parts: PhrasePart[]) => parts.map((part) => (part.kind === 'text' ? part.text : `{${part.name}}`)).join('');

describe('phrase text and its placeholders', () => {
  it('reads the known placeholders and leaves every other brace as text', () => {
    expect(phraseParts('您好，{companyName}，{agentId}号为您服务')).toEqual([
      { kind: 'text', text: '您好，' },
      { kind: 'placeholder', name: 'companyName' },
      { kind: 'text', text: '，' },
      { kind: 'placeholder', name: 'agentId' },
      { kind: 'text', text: '号为您服务' },
    ]);
    expect(phraseParts('{{agentId}} {agentID} {1} {}')).toEqual([
      { kind: 'text', text: '{' },
      { kind: 'placeholder', name: 'agentId' },
      { kind: 'text', text: '} {agentID} {1} {}' },
    ]);
    expect(phraseParts('')).toEqual([]);
    expect(unknownPlaceholdersIn('{agentID}{agentID} {customer_name} {客户} {1} {agentId}')).toEqual(['agentID', 'customer_name']);
  });

  it('parts put together again are the text, whatever the text (fast-check)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const parts = phraseParts(text);
        expect(asText(parts)).toBe(text);
        // Adjacent text is one part; no empty parts.
        parts.forEach((part, index) => {
          if (part.kind === 'text') expect(part.text).not.toBe('');
          if (part.kind === 'text' && index > 0) expect(parts[index - 1]?.kind).toBe('placeholder');
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('phraseRequestSchema', () => {
  const greeting = { category: 'greeting', title: '标准问候', text: '您好，{agentId}号为您服务' };
  const messages = (input: unknown) => {
    const result = phraseRequestSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('takes a phrase, trimmed, with no disposition unless it is a disposition phrase', () => {
    expect(phraseRequestSchema.parse({ ...greeting, title: '  标准问候 ', text: ' 您好\n再见 ' })).toEqual({ category: 'greeting', dispositionCode: null, title: '标准问候', text: '您好\n再见' });
    expect(phraseRequestSchema.parse({ category: 'disposition', dispositionCode: 'complaint', title: '投诉', text: '已记录' }).dispositionCode).toBe('complaint');
    expect(messages({ category: 'disposition', title: '投诉', text: '已记录' })).toEqual(['dispositionCode: a disposition phrase needs its disposition code, and only a disposition phrase has one']);
    expect(messages({ ...greeting, dispositionCode: 'complaint' })).toHaveLength(1);
  });

  it('refuses a text of a megabyte by its cap, saying so', () => {
    expect(messages({ ...greeting, text: '话'.repeat(1_000_000) })).toEqual([`text: a text of at most ${PHRASE_TEXT_MAX} characters`]);
    expect(messages({ ...greeting, text: ' '.repeat(1_000_000) })).toEqual(['text: a text is required']);
    expect(messages({ ...greeting, text: '话'.repeat(PHRASE_TEXT_MAX) })).toEqual([]);
  });

  it('names the unknown placeholders and lists the known ones', () => {
    expect(messages({ ...greeting, text: '{agentID}号 {customer_name}' })).toEqual([
      'text: unknown placeholder {agentID} {customer_name}: the placeholders are {agentId} {agentName} {customerName} {companyName}',
    ]);
  });

  it('whatever the text, refuses or returns what the caps and placeholders allow, and never throws (fast-check)', () => {
    const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 1_200 }), fc.string({ unit: 'grapheme', minLength: 990, maxLength: 1_010 }));
    fc.assert(
      fc.property(anyText, anyText, (title, text) => {
        const result = phraseRequestSchema.safeParse({ category: 'closing', title, text });
        if (!result.success) return;
        expect(result.data.text.length).toBeLessThanOrEqual(PHRASE_TEXT_MAX);
        expect(result.data.text.trim()).toBe(result.data.text);
        expect(unknownPlaceholdersIn(result.data.text)).toEqual([]);
        expect(result.data.title).not.toMatch(/\p{Cc}/u);
        // What a supervisor may write, a desk can read.
        expect(phraseSchema.safeParse({ id: '0190d6d2-6b7e-7c2d-9d0e-0a1b2c3d4e5f', ...result.data, sortOrder: 1, editedBy: null, editedAt: null }).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('phraseOrderRequestSchema', () => {
  it('lists each phrase once', () => {
    const id = '0190d6d2-6b7e-7c2d-9d0e-0a1b2c3d4e5f';
    expect(phraseOrderRequestSchema.safeParse({ category: 'greeting', ids: [id] }).success).toBe(true);
    expect(phraseOrderRequestSchema.safeParse({ category: 'greeting', ids: [id, id.toUpperCase()] }).success).toBe(false);
    expect(phraseOrderRequestSchema.safeParse({ category: 'greeting', ids: [] }).success).toBe(false);
  });
});
