import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DepartmentEdge, subtreeIds, wouldCreateCycle } from './department-tree';

const edges: DepartmentEdge[] = [
  { id: 'root', parentId: null },
  { id: 'sales', parentId: 'root' },
  { id: 'sales1', parentId: 'sales' },
  { id: 'sales2', parentId: 'sales' },
  { id: 'service', parentId: 'root' },
  { id: 'other-root', parentId: null },
];

describe('subtreeIds', () => {
  it('includes the root and every descendant, nothing else', () => {
    expect(new Set(subtreeIds(edges, 'sales'))).toEqual(new Set(['sales', 'sales1', 'sales2']));
    expect(subtreeIds(edges, 'sales1')).toEqual(['sales1']);
    expect(new Set(subtreeIds(edges, 'root'))).toEqual(
      new Set(['root', 'sales', 'sales1', 'sales2', 'service']),
    );
  });

  it('returns just the id for an unknown department', () => {
    expect(subtreeIds(edges, 'nope')).toEqual(['nope']);
  });

  it('terminates on cyclic data instead of looping', () => {
    const cyclic = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(new Set(subtreeIds(cyclic, 'a'))).toEqual(new Set(['a', 'b']));
  });
});

describe('wouldCreateCycle', () => {
  it('refuses moving a department under itself or a descendant', () => {
    expect(wouldCreateCycle(edges, 'sales', 'sales')).toBe(true);
    expect(wouldCreateCycle(edges, 'sales', 'sales2')).toBe(true);
    expect(wouldCreateCycle(edges, 'root', 'sales1')).toBe(true);
  });

  it('allows moving to a sibling branch or to the top level', () => {
    expect(wouldCreateCycle(edges, 'sales1', 'service')).toBe(false);
    expect(wouldCreateCycle(edges, 'sales', null)).toBe(false);
    expect(wouldCreateCycle(edges, 'service', 'other-root')).toBe(false);
  });

  it('property: applying any move it allows keeps the tree acyclic', () => {
    // Random forests: node i may only have a parent with a smaller index, so inputs are trees.
    const forest = fc
      .integer({ min: 1, max: 25 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.option(fc.nat(), { nil: null }), { minLength: n, maxLength: n }),
          fc.nat({ max: n - 1 }),
          fc.option(fc.nat({ max: n - 1 }), { nil: null }),
        ),
      );
    fc.assert(
      fc.property(forest, ([parents, moved, target]) => {
        const tree: DepartmentEdge[] = parents.map((p, i) => ({
          id: `d${i}`,
          parentId: i === 0 || p === null ? null : `d${p % i}`,
        }));
        const id = `d${moved}`;
        const newParent = target === null ? null : `d${target}`;
        if (wouldCreateCycle(tree, id, newParent)) return;
        const after = tree.map((e) => (e.id === id ? { ...e, parentId: newParent } : e));
        // Walking up from every node must reach a root within n steps.
        const parentOf = new Map(after.map((e) => [e.id, e.parentId]));
        for (const e of after) {
          let cur: string | null = e.id;
          let steps = 0;
          while (cur !== null && steps <= after.length) {
            cur = parentOf.get(cur) ?? null;
            steps += 1;
          }
          expect(cur).toBeNull();
        }
      }),
    );
  });
});
