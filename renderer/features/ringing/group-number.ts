/**
 * Groups a caller's number the way customers read it back (DOMAIN.md, seed 002):
 *
 *   mobile, 11 digits starting with 1     -> 3-4-4        13812345678   -> 138 1234 5678
 *   fixed line starting with 0            -> area code apart, the rest in groups of 4 from the left
 *                                            010 / 02x: 3-digit area     01012345678  -> 010 1234 5678
 *                                            others: 4-digit area        057187654321 -> 0571 8765 4321
 *   anything else (extensions, +86…, names) unchanged
 */
export function groupNumber(raw: string): string {
  const number = raw.trim();
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
