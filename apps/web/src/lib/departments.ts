import { useQuery } from '@tanstack/react-query';
import type { Department } from '@weixi/shared';
import { departmentsApi, keys } from '../api/endpoints';

export function useAllDepartments() {
  return useQuery({ queryKey: keys.allDepartments, queryFn: departmentsApi.all, staleTime: 60_000 });
}

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

/** Parents before children, siblings by name (zh collation, so 财务部 sorts as a Chinese reader expects). */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const byId = new Map(departments.map((d) => [d.id, { department: d, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.department.parentId ? byId.get(node.department.parentId) : undefined;
    // A parent missing from the list (deleted meanwhile) must not hide its children.
    (parent ? parent.children : roots).push(node);
  }
  const collator = new Intl.Collator('zh-CN');
  const sort = (nodes: DepartmentNode[]) => {
    nodes.sort((a, b) => collator.compare(a.department.name, b.department.name));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The ids of a department and everything under it: it cannot move beneath any of them. */
export function subtreeIds(nodes: DepartmentNode[], id: string): Set<string> {
  const out = new Set<string>();
  const collect = (n: DepartmentNode) => {
    out.add(n.department.id);
    for (const c of n.children) collect(c);
  };
  const find = (list: DepartmentNode[]): boolean => {
    for (const n of list) {
      if (n.department.id === id) {
        collect(n);
        return true;
      }
      if (find(n.children)) return true;
    }
    return false;
  };
  find(nodes);
  return out;
}

export interface TreeSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeSelectNode[];
}

export function toTreeSelect(
  nodes: DepartmentNode[],
  disabledIds: Set<string> = new Set(),
): TreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.department.id,
    title: n.department.name,
    disabled: disabledIds.has(n.department.id),
    children: toTreeSelect(n.children, disabledIds),
  }));
}
