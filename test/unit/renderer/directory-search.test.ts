import { describe, expect, it } from 'vitest';
import { searchDirectory } from '../../../renderer/features/transfer/directory-search';
import type { DirectoryEntry } from '../../../src/contract';

const directory: DirectoryEntry[] = [
  { department: '技术支持部', name: '李工', extension: '8012' },
  { department: '技术支持部', name: '赵工', extension: '8013' },
  { department: '投诉处理中心', name: '王经理', extension: '8200' },
  { department: 'Billing', name: 'Alice Chen', extension: '1280' },
  { department: '12345 市民热线', name: '', extension: '12345' },
];
const extensions = (entries: DirectoryEntry[]) => entries.map((entry) => entry.extension);

describe('searchDirectory', () => {
  it('lists everything, in directory order, for an empty query', () => {
    expect(extensions(searchDirectory(directory, ''))).toEqual(['8012', '8013', '8200', '1280', '12345']);
    expect(extensions(searchDirectory(directory, '   '))).toHaveLength(5);
  });

  it('finds by department, by name and by extension', () => {
    expect(extensions(searchDirectory(directory, '技术'))).toEqual(['8012', '8013']);
    expect(extensions(searchDirectory(directory, '王经理'))).toEqual(['8200']);
    expect(extensions(searchDirectory(directory, '801'))).toEqual(['8012', '8013']);
  });

  it('ignores case and needs every word to match somewhere', () => {
    expect(extensions(searchDirectory(directory, 'alice'))).toEqual(['1280']);
    expect(extensions(searchDirectory(directory, 'BILLING chen'))).toEqual(['1280']);
    expect(extensions(searchDirectory(directory, '技术 8013'))).toEqual(['8013']);
    expect(searchDirectory(directory, '技术 Alice')).toEqual([]);
  });

  it('reads a number typed with spaces as one number', () => {
    expect(extensions(searchDirectory(directory, '80 12'))).toEqual(['8012']);
    expect(extensions(searchDirectory(directory, '12 80'))).toEqual(['1280']);
    expect(extensions(searchDirectory(directory, '12345'))).toEqual(['12345']);
  });

  it('finds nothing when nothing matches, and never changes the directory', () => {
    const before = JSON.stringify(directory);
    expect(searchDirectory(directory, '财务')).toEqual([]);
    expect(JSON.stringify(directory)).toBe(before);
  });
});
