import { describe, expect, it } from 'vitest';
import { cleanDialInput, isDialable } from '../../../renderer/features/dial/dial-string';

describe('dial input', () => {
  it('keeps digits, * and #, and a + only in front', () => {
    expect(cleanDialInput('(010) 1234-5678')).toBe('01012345678');
    expect(cleanDialInput(' 138 1234 5678 ')).toBe('13812345678');
    expect(cleanDialInput('+86 138-1234-5678')).toBe('+8613812345678');
    expect(cleanDialInput('12+34')).toBe('1234');
    expect(cleanDialInput('*72#')).toBe('*72#');
    expect(cleanDialInput('abc')).toBe('');
  });

  it('caps the length at what main accepts', () => {
    expect(cleanDialInput('1'.repeat(40))).toHaveLength(32);
  });

  it('calls only what main accepts: 2 to 32 of digits, * and #', () => {
    expect(isDialable('13812345678')).toBe(true);
    expect(isDialable('8012')).toBe(true);
    expect(isDialable('+8613812345678')).toBe(true);
    expect(isDialable('1')).toBe(false);
    expect(isDialable('')).toBe(false);
    expect(isDialable('138 1234')).toBe(false);
    expect(isDialable('anonymous')).toBe(false);
  });
});
