import { describe, expect, it } from 'vitest';
import { ownersByUrgency } from './team-order';

const owner = (name: string, overdue: number, today: number, week: number) => ({
  owner: { id: name, name },
  overdue,
  today,
  week,
});

describe('ownersByUrgency', () => {
  it('puts the most overdue first, then due today, then the week, then by name', () => {
    const list = [
      owner('b', 0, 2, 5),
      owner('a', 0, 2, 5),
      owner('c', 3, 0, 1),
      owner('d', 0, 4, 4),
      owner('e', 0, 2, 9),
    ];
    expect(ownersByUrgency(list).map((o) => o.owner.name)).toEqual(['c', 'd', 'e', 'a', 'b']);
    expect(list[0]?.owner.name).toBe('b');
  });
});
