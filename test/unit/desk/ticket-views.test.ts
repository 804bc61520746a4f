import { describe, expect, it } from 'vitest';
import { firstLine } from '../../../main/desk/ticket-views';
import { emergencyContent } from '../../../renderer/features/tickets/emergency-content';

describe('a ticket in the list', () => {
  it('shows the first non-empty line, cut by characters so no emoji or CJK character is split', () => {
    expect(firstLine('\n  客户投诉  \n第二行')).toBe('客户投诉');
    const long = '😀'.repeat(200);
    const cut = firstLine(long);
    expect(Array.from(cut)).toHaveLength(120);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe('😀'.repeat(119));
  });

  it('says what an emergency is, then what the agent added', () => {
    expect(emergencyContent('紧急、重大事件', '  ')).toBe('紧急、重大事件');
    expect(emergencyContent('紧急、重大事件', ' 燃气泄漏 ')).toBe('紧急、重大事件：燃气泄漏');
  });
});
