import { describe, expect, it } from 'vitest';
import { nextSortOrder, reorderChanges } from './reorder';

const item = (id: string, sortOrder: number) => ({ id, sortOrder, version: 1 });

describe('reorderChanges', () => {
  it('swaps the numbers of two neighbours', () => {
    const items = [item('a', 10), item('b', 20), item('c', 30)];
    expect(reorderChanges(items, 2, -1)).toEqual([item('c', 20), item('b', 30)]);
  });
  it('renumbers when the numbers tie', () => {
    const items = [item('a', 0), item('b', 0), item('c', 0)];
    expect(reorderChanges(items, 0, 1)).toEqual([item('b', 10), item('a', 20), item('c', 30)]);
  });
  it('does nothing past the ends', () => {
    expect(reorderChanges([item('a', 1)], 0, -1)).toEqual([]);
    expect(reorderChanges([item('a', 1), item('b', 2)], 1, 1)).toEqual([]);
  });
  it('puts a new entry last', () => {
    expect(nextSortOrder([item('a', 10), item('b', 40)])).toBe(50);
    expect(nextSortOrder([])).toBe(10);
  });
});
