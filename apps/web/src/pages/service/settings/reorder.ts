/** An entry of a managed list, as far as ordering goes. */
export interface Orderable {
  id: string;
  sortOrder: number;
  version: number;
}

/**
 * Moves one entry up or down and says which entries need a new sort order. The list is renumbered
 * in steps of 10 (room to insert between without touching the rest next time), and only the
 * entries whose number changes are returned, so a swap of two neighbours is usually two writes.
 */
export function reorderChanges<T extends Orderable>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [];
  const order = [...items];
  const [moved] = order.splice(index, 1);
  order.splice(to, 0, moved as T);
  // Keep the current numbers when they already increase strictly: then only the pair swaps.
  const a = items[index] as T;
  const b = items[to] as T;
  if (a.sortOrder !== b.sortOrder) {
    return [
      { ...a, sortOrder: b.sortOrder },
      { ...b, sortOrder: a.sortOrder },
    ];
  }
  return order
    .map((item, i) => ({ ...item, sortOrder: (i + 1) * 10 }))
    .filter((item) => items.find((x) => x.id === item.id)?.sortOrder !== item.sortOrder);
}

/** The number for a new entry: after the last one. */
export const nextSortOrder = (items: readonly Orderable[]): number =>
  items.reduce((max, i) => Math.max(max, i.sortOrder), 0) + 10;
