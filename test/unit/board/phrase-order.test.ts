import { describe, expect, it } from 'vitest';
import { movedOneStep } from '../../../board/features/phrases/phrase-order';

describe('movedOneStep', () => {
  it('swaps a phrase with its neighbour up or down', () => {
    expect(movedOneStep(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(movedOneStep(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });

  it('keeps the order when it cannot move', () => {
    expect(movedOneStep(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(movedOneStep(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
    expect(movedOneStep(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
  });
});
