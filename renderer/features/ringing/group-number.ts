/**
 * How the agent wants numbers shown (DOMAIN.md "Small things agents notice", seed 002): read back
 * the way the customer grouped them.
 *   auto   mobile 3-4-4, fixed line with its area code apart (below)
 *   fours  groups of four from the left, for customers who read numbers in fours
 *   none   as delivered
 */
export const NUMBER_GROUPINGS = ['auto', 'fours', 'none'] as const;
export type NumberGrouping = (typeof NUMBER_GROUPINGS)[number];

export function isNumberGrouping(value: unknown): value is NumberGrouping {
  return typeof value === 'string' && (NUMBER_GROUPINGS as readonly string[]).includes(value);
}

/**
 * Groups a caller's number for read-back. `auto`:
 *
 *   mobile, 11 digits starting with 1     -> 3-4-4        13812345678   -> 138 1234 5678
 *   fixed line starting with 0            -> area code apart, the rest in groups of 4 from the left
 *                                            010 / 02x: 3-digit area     01012345678  -> 010 1234 5678
 *                                            others: 4-digit area        057187654321 -> 0571 8765 4321
 *   anything else (extensions, +86…, names) unchanged
 *
 * `fours` groups any all-digit number longer than 4 in fours (a leading + stays attached);
 * `none` only trims. Text that is not a number (anonymous, a SIP name) is never regrouped.
 */
export function groupNumber(raw: string, grouping: NumberGrouping = 'auto'): string {
  const number = raw.trim();
  if (grouping === 'none') return number;
  if (grouping === 'fours') {
    const match = /^(\+?)(\d{5,})$/.exec(number);
    return match ? `${match[1]}${groupsOf(match[2]!, 4).join(' ')}` : number;
  }
  if (/^1\d{10}$/.test(number)) return [number.slice(0, 3), number.slice(3, 7), number.slice(7)].join(' ');
  if (/^0\d{3,}$/.test(number)) {
    const areaLength = /^0(10|2\d)/.test(number) ? 3 : 4;
    const area = number.slice(0, areaLength);
    const rest = number.slice(areaLength);
    return [area, ...groupsOf(rest, 4)].join(' ');
  }
  return number;
}

function groupsOf(digits: string, size: number): string[] {
  const groups: string[] = [];
  for (let start = 0; start < digits.length; start += size) groups.push(digits.slice(start, start + size));
  return groups;
}
