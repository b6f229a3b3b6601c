export interface DepartmentEdge {
  id: string;
  parentId: string | null;
}

/** All ids in the subtree rooted at `rootId`, the root included. Tolerates cycles in bad data. */
export function subtreeIds(edges: readonly DepartmentEdge[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const e of edges) {
    if (e.parentId === null) continue;
    const list = children.get(e.parentId) ?? [];
    list.push(e.id);
    children.set(e.parentId, list);
  }
  const seen = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const child of children.get(id) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return [...seen];
}

/** Moving `id` under `newParentId` must not put a department inside its own subtree. */
export function wouldCreateCycle(
  edges: readonly DepartmentEdge[],
  id: string,
  newParentId: string | null,
): boolean {
  if (newParentId === null) return false;
  return subtreeIds(edges, id).includes(newParentId);
}
