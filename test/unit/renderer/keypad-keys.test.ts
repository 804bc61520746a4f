import { describe, expect, it } from 'vitest';
import { KEYPAD_KEYS, KEYPAD_LETTERS, keypadKeyForKeyboard, keypadTestId } from '../../../renderer/features/keypad/keypad-keys';
import { deskApiSchemas } from '../../../src/contract';

describe('keypad keys', () => {
  it('lays out the twelve keys of a phone, row by row', () => {
    expect(KEYPAD_KEYS.join('')).toBe('123456789*0#');
    expect(KEYPAD_LETTERS['2']).toBe('ABC');
    expect(KEYPAD_LETTERS['7']).toBe('PQRS');
  });

  it('names * and # in test ids, since they are awkward in selectors', () => {
    expect(keypadTestId('dtmf', '0')).toBe('dtmf-0');
    expect(keypadTestId('dtmf', '9')).toBe('dtmf-9');
    expect(keypadTestId('dtmf', '*')).toBe('dtmf-star');
    expect(keypadTestId('dtmf', '#')).toBe('dtmf-hash');
    expect(keypadTestId('dial-key', '#')).toBe('dial-key-hash');
    expect(new Set(KEYPAD_KEYS.map((key) => keypadTestId('dtmf', key))).size).toBe(12);
  });

  it('maps keyboard digits, * and # to keys, and nothing else', () => {
    for (const key of KEYPAD_KEYS) expect(keypadKeyForKeyboard(key)).toBe(key);
    for (const other of ['a', 'A', 'Enter', ' ', '+', 'Numpad5', '10', '']) expect(keypadKeyForKeyboard(other)).toBeNull();
  });

  it('sends only tones main accepts', () => {
    for (const key of KEYPAD_KEYS) expect(deskApiSchemas.sendDtmf.safeParse({ callId: 'c1', tones: key }).success).toBe(true);
  });
});
