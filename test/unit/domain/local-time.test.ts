import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centerDateTimeToEpoch, epochToCenterDateTime, utcOffsetLabel } from '../../../src/domain/local-time';

describe("the center's wall clock", () => {
  it('names the zone as people write it', () => {
    expect(utcOffsetLabel(480)).toBe('UTC+8');
    expect(utcOffsetLabel(0)).toBe('UTC+0');
    expect(utcOffsetLabel(330)).toBe('UTC+5:30');
    expect(utcOffsetLabel(-210)).toBe('UTC-3:30');
  });

  it('reads back what it writes for any instant and zone, to the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: -720, max: 840 }), (instant, offset) => {
        const minute = instant - (instant % 60_000);
        expect(centerDateTimeToEpoch(epochToCenterDateTime(instant, offset), offset)).toBe(minute);
      }),
    );
  });
});
