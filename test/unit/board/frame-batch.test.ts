import { describe, expect, it } from 'vitest';
import { FrameBatch } from '../../../board/state/frame-batch';

/** A hand-cranked animation frame: the test decides when the screen paints. */
function frames() {
  const callbacks: Array<() => void> = [];
  return { nextFrame: (callback: () => void) => void callbacks.push(callback), paint: () => callbacks.splice(0).forEach((callback) => callback()), waiting: () => callbacks.length };
}

describe('changes applied once per animation frame (FrameBatch)', () => {
  it('applies everything that arrived before a frame together, the newest value per key, in arrival order of the last change', () => {
    const screen = frames();
    const applied: string[][] = [];
    const batch = new FrameBatch<string>((values) => applied.push(values), screen.nextFrame);
    batch.add('1001', 'ready');
    batch.add('1002', 'busy');
    batch.add('1001', 'ringing');
    expect(applied).toEqual([]);
    expect(screen.waiting()).toBe(1);

    screen.paint();
    expect(applied).toEqual([['busy', 'ringing']]);
    screen.paint();
    expect(applied).toHaveLength(1);

    batch.add('1003', 'talking');
    screen.paint();
    expect(applied).toEqual([['busy', 'ringing'], ['talking']]);
  });

  it('flush applies what is pending at once; clear forgets it', () => {
    const screen = frames();
    const applied: string[][] = [];
    const batch = new FrameBatch<string>((values) => applied.push(values), screen.nextFrame);
    batch.add('1001', 'ready');
    batch.flush();
    expect(applied).toEqual([['ready']]);
    screen.paint();
    expect(applied).toHaveLength(1);

    batch.add('1002', 'busy');
    batch.clear();
    screen.paint();
    expect(applied).toHaveLength(1);
  });
});
