import type { DirectoryEntry } from '../../../src/contract';

/**
 * The directory entries matching what the agent typed, in directory order. Every word of the query
 * must appear in the department, the name or the extension (case-insensitive), so "技术 1203" finds
 * the technical department's 1203. A query that is only a number is one number: its spaces are
 * ignored, as agents copy numbers grouped ("80 12" finds 8012, not 1280). An empty query lists everything.
 */
export function searchDirectory(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const words = query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  const digitsOnly = query.replace(/\s+/g, '');
  const typedNumber = /^[0-9*#+]+$/.test(digitsOnly) ? digitsOnly : null;
  return entries.filter((entry) => {
    const text = `${entry.department}\n${entry.name}`.toLocaleLowerCase();
    if (typedNumber !== null) return entry.extension.includes(typedNumber) || text.includes(typedNumber);
    const haystack = `${text}\n${entry.extension.toLocaleLowerCase()}`;
    return words.every((word) => haystack.includes(word));
  });
}
