import { describe, expect, it } from 'vitest';
import { EMPTY_RING_CUE_LOG, logRingCue, ringCueFor } from '../../../renderer/features/ringing/ring-cue';
import { RING_VOICES, ringtoneNotes } from '../../../renderer/media/ringtone';

describe('ringCueFor: one cue per ring of main\'s cadence', () => {
  it('sounds ring 1 of a new call, and each later ring once', () => {
    expect(ringCueFor(null, 1, 3)).toBe('ring');
    expect(ringCueFor(1, 2, 3)).toBe('ring');
    expect(ringCueFor(2, 3, 3)).toBe('lastRing');
  });

  it('sounds nothing for a repeated or stale snapshot of a ring already heard', () => {
    expect(ringCueFor(1, 1, 3)).toBeNull();
    expect(ringCueFor(3, 3, 3)).toBeNull();
    expect(ringCueFor(3, 2, 3)).toBeNull();
    expect(ringCueFor(null, 0, 3)).toBeNull();
  });

  it('escalates on the last ring and on any ring after it (policy keep-ringing)', () => {
    expect(ringCueFor(3, 4, 3)).toBe('lastRing');
    expect(ringCueFor(null, 1, 1)).toBe('lastRing');
    expect(ringCueFor(null, 4, 5)).toBe('ring');
  });

  it('joins a call mid-way (page reloaded on ring 2) with that ring, not a catch-up of ring 1', () => {
    expect(ringCueFor(null, 2, 3)).toBe('ring');
    expect(ringCueFor(1, 3, 3)).toBe('lastRing');
  });
});

describe('logRingCue: the count the prompt exposes', () => {
  it('counts distinct rings of one call, a replay of the same ring once, and restarts per call', () => {
    let log = logRingCue(EMPTY_RING_CUE_LOG, 'a', 1, 'ring');
    log = logRingCue(log, 'a', 1, 'ring'); // a remount replays ring 1: still one cue
    log = logRingCue(log, 'a', 2, 'ring');
    log = logRingCue(log, 'a', 3, 'lastRing');
    expect(log).toEqual({ callId: 'a', count: 3, lastRing: 3, lastCue: 'lastRing' });
    expect(logRingCue(log, 'b', 1, 'ring')).toEqual({ callId: 'b', count: 1, lastRing: 1, lastCue: 'ring' });
  });
});

describe('ringtoneNotes: the sound of one ring', () => {
  it('fills exactly the policy tone length, alternating two tones', () => {
    const notes = ringtoneNotes('ring', 1_000);
    const end = Math.max(...notes.map((note) => note.offsetMs + note.durationMs));
    expect(end).toBe(1_000);
    expect(notes[0]!.offsetMs).toBe(0);
    expect(new Set(notes.map((note) => note.frequency)).size).toBe(2);
    expect(notes.every((note, index) => index === 0 || note.frequency !== notes[index - 1]!.frequency)).toBe(true);
  });

  it('makes the last ring higher and faster than an ordinary one', () => {
    const ordinary = ringtoneNotes('ring', 1_000);
    const last = ringtoneNotes('lastRing', 1_000);
    expect(last.length).toBeGreaterThan(ordinary.length);
    expect(Math.min(...last.map((note) => note.frequency))).toBeGreaterThan(Math.min(...ordinary.map((note) => note.frequency)));
    expect(RING_VOICES.lastRing.gain).toBeGreaterThan(RING_VOICES.ring.gain);
  });

  it('follows a shorter or odd tone length from policy, never running over it', () => {
    for (const toneMs of [50, 333, 2_500]) {
      for (const cue of ['ring', 'lastRing'] as const) {
        const notes = ringtoneNotes(cue, toneMs);
        expect(notes.length).toBeGreaterThan(0);
        expect(Math.max(...notes.map((note) => note.offsetMs + note.durationMs))).toBe(toneMs);
      }
    }
  });
});
