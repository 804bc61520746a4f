import { describe, expect, it } from 'vitest';
import { cutText, shortenText } from '../../../src/domain/cut-text';

describe('cutText', () => {
  it('keeps a text that fits, whole', () => {
    expect(cutText('客户投诉', 4)).toBe('客户投诉');
    expect(cutText('', 0)).toBe('');
  });

  it('cuts to the first characters', () => {
    expect(cutText('客户投诉宽带断线', 4)).toBe('客户投诉');
  });

  it('never cuts inside an emoji, and fits both a count of code points and of UTF-16 units', () => {
    expect(cutText('ab😀cd', 3)).toBe('ab');
    expect(cutText('ab😀cd', 4)).toBe('ab😀');
    const cut = cutText('😀'.repeat(10), 5);
    expect(cut).toBe('😀😀');
    expect(cut.length).toBeLessThanOrEqual(5);
    expect([...cutText('话'.repeat(3_000), 2_000)]).toHaveLength(2_000);
  });
});

describe('shortenText', () => {
  it('keeps a text that fits, and ends a cut one with … within the limit', () => {
    expect(shortenText('客户投诉', 4)).toBe('客户投诉');
    expect(shortenText('客户投诉宽带断线', 5)).toBe('客户投诉…');
    expect(shortenText('ab😀cd', 4)).toBe('ab…');
    expect(shortenText('😀'.repeat(300), 200).length).toBeLessThanOrEqual(200);
  });
});
