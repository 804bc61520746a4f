import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/clock';
import { DraftAutosaver, type AutosaveStatus } from '../../../renderer/features/wrap-up/draft-autosave';

/** Lets awaited saves settle (they are plain promises; the clock only drives the timers). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A save whose outcome each test decides, one call at a time. */
function controlledSave() {
  const calls: Array<{ draft: string; resolve(): void; reject(error: unknown): void }> = [];
  return {
    calls,
    saved: () => calls.map((call) => call.draft),
    save: (draft: string) => new Promise<void>((resolve, reject) => void calls.push({ draft, resolve, reject })),
  };
}

function start(options: { failWith?: unknown; shouldRetry?: (error: unknown) => boolean } = {}) {
  const clock = new ManualClock();
  const saves: string[] = [];
  const statuses: AutosaveStatus[] = [];
  let failures = options.failWith === undefined ? 0 : 1;
  const autosaver = new DraftAutosaver<string>({
    clock,
    save: async (draft) => {
      if (failures > 0) {
        failures--;
        throw options.failWith;
      }
      saves.push(draft);
    },
    onStatus: (status) => statuses.push(status),
    ...(options.shouldRetry ? { shouldRetry: options.shouldRetry } : {}),
  });
  return { clock, autosaver, saves, statuses };
}

describe('DraftAutosaver', () => {
  it('saves once typing pauses for 400 ms, with the newest text only', async () => {
    const { clock, autosaver, saves } = start();
    autosaver.change('客');
    clock.advance(300);
    autosaver.change('客户');
    clock.advance(300);
    autosaver.change('客户咨询');
    clock.advance(399);
    await settle();
    expect(saves).toEqual([]);

    clock.advance(1);
    await settle();
    expect(saves).toEqual(['客户咨询']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('saves at once on flush (wrap-up time over, form closed) and not again when the timer would have fired', async () => {
    const { clock, autosaver, saves, statuses } = start();
    autosaver.change('draft');
    await autosaver.flush();
    expect(saves).toEqual(['draft']);
    expect(statuses).toEqual(['pending', 'saving', 'saved']);

    clock.advance(1_000);
    await settle();
    expect(saves).toEqual(['draft']);
    await autosaver.flush(); // nothing pending: nothing sent
    expect(saves).toEqual(['draft']);
  });

  it('never overlaps saves, and a slow save is followed by the newer text, never overwritten by it', async () => {
    const clock = new ManualClock();
    const target = controlledSave();
    const autosaver = new DraftAutosaver<string>({ clock, save: target.save });
    autosaver.change('v1');
    clock.advance(400);
    await settle();
    expect(target.saved()).toEqual(['v1']);

    autosaver.change('v2');
    clock.advance(400);
    const flushed = autosaver.flush();
    await settle();
    expect(target.saved()).toEqual(['v1']); // v2 waits for v1

    target.calls[0]!.resolve();
    await settle();
    expect(target.saved()).toEqual(['v1', 'v2']);
    target.calls[1]!.resolve();
    await flushed;
  });

  it('keeps a draft whose save failed and tries again after the retry delay', async () => {
    const { clock, autosaver, saves, statuses } = start({ failWith: new Error('link down') });
    autosaver.change('kept');
    await autosaver.flush();
    expect(saves).toEqual([]);
    expect(statuses.at(-1)).toBe('failed');

    clock.advance(2_999);
    await settle();
    expect(saves).toEqual([]);
    clock.advance(1);
    await settle();
    expect(saves).toEqual(['kept']);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('does not retry a refusal on its own, but still keeps the text for the next flush', async () => {
    const { clock, autosaver, saves } = start({ failWith: new Error('refused'), shouldRetry: () => false });
    autosaver.change('kept');
    await autosaver.flush();
    clock.advance(60_000);
    await settle();
    expect(saves).toEqual([]);
    await autosaver.flush();
    expect(saves).toEqual(['kept']);
  });

  it('prefers newer text typed while a failing save was in flight', async () => {
    const clock = new ManualClock();
    const target = controlledSave();
    const autosaver = new DraftAutosaver<string>({ clock, save: target.save });
    autosaver.change('old');
    const first = autosaver.flush();
    await settle();
    autosaver.change('new');
    target.calls[0]!.reject(new Error('link down'));
    await first;
    clock.advance(400);
    await settle();
    expect(target.saved()).toEqual(['old', 'new']);
  });

  it('drops pending text on cancel (the final record was saved), even if a save then fails', async () => {
    const clock = new ManualClock();
    const target = controlledSave();
    const autosaver = new DraftAutosaver<string>({ clock, save: target.save });
    autosaver.change('in flight');
    const first = autosaver.flush();
    await settle();
    autosaver.change('typed during the final save');
    autosaver.cancel();
    target.calls[0]!.reject(new Error('refused'));
    await first;
    clock.advance(10_000);
    await autosaver.flush();
    expect(target.saved()).toEqual(['in flight']);
    expect(clock.pendingTimers).toBe(0);
  });
});
