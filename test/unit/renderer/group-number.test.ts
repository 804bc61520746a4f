import { describe, expect, it } from 'vitest';
import { groupNumber } from '../../../renderer/features/ringing/group-number';

describe('groupNumber', () => {
  it('groups an 11-digit mobile number 3-4-4', () => {
    expect(groupNumber('13812345678')).toBe('138 1234 5678');
    expect(groupNumber('19900001111')).toBe('199 0000 1111');
  });

  it('sets a 3-digit area code apart for Beijing and the 02x cities', () => {
    expect(groupNumber('01012345678')).toBe('010 1234 5678');
    expect(groupNumber('02187654321')).toBe('021 8765 4321');
  });

  it('sets a 4-digit area code apart for other cities, the rest in fours from the left', () => {
    expect(groupNumber('057187654321')).toBe('0571 8765 4321');
    expect(groupNumber('07551234567')).toBe('0755 1234 567');
  });

  it('leaves extensions, service numbers and international forms unchanged', () => {
    expect(groupNumber('1001')).toBe('1001');
    expect(groupNumber('95588')).toBe('95588');
    expect(groupNumber('+8613812345678')).toBe('+8613812345678');
    expect(groupNumber('1381234567')).toBe('1381234567'); // 10 digits: not a mobile number
    expect(groupNumber('anonymous')).toBe('anonymous');
  });

  it('ignores surrounding whitespace', () => {
    expect(groupNumber(' 13812345678 ')).toBe('138 1234 5678');
  });
});

describe('groupNumber with the grouping the agent chose', () => {
  it('auto is the default grouping', () => {
    expect(groupNumber('13812345678', 'auto')).toBe(groupNumber('13812345678'));
    expect(groupNumber('057187654321', 'auto')).toBe('0571 8765 4321');
  });

  it('fours groups every number in fours from the left, for customers who read numbers that way', () => {
    expect(groupNumber('13812345678', 'fours')).toBe('1381 2345 678');
    expect(groupNumber('01012345678', 'fours')).toBe('0101 2345 678');
    expect(groupNumber('+8613812345678', 'fours')).toBe('+8613 8123 4567 8');
    expect(groupNumber('95588', 'fours')).toBe('9558 8');
    expect(groupNumber('1001', 'fours')).toBe('1001');
  });

  it('none shows the number as delivered', () => {
    expect(groupNumber(' 13812345678 ', 'none')).toBe('13812345678');
    expect(groupNumber('057187654321', 'none')).toBe('057187654321');
  });

  it('never regroups text that is not a number', () => {
    for (const grouping of ['auto', 'fours', 'none'] as const) {
      expect(groupNumber('anonymous', grouping)).toBe('anonymous');
      expect(groupNumber('*72#', grouping)).toBe('*72#');
    }
  });
});
