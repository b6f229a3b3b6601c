import type { DataScope } from '@weixi/domain';
import type { Actor } from '../../http/context';
import { can } from './engagement.policy';

/**
 * Whose work (tasks, visits) the actor oversees besides their own, as repositories filter it:
 * everyone (`all`), the members of these departments, or nobody (`null`). The SQL twin of
 * `managesPerson` in engagement.policy.ts.
 */
export interface Reach {
  userId: string;
  team: 'all' | readonly string[] | null;
}

export function reachOf(actor: Actor, scope: DataScope): Reach {
  if (!can(actor, 'plan_for_others')) return { userId: actor.id, team: null };
  if (scope.kind === 'all') return { userId: actor.id, team: 'all' };
  if (scope.kind === 'department' && scope.departmentIds.length > 0)
    return { userId: actor.id, team: scope.departmentIds };
  return { userId: actor.id, team: null };
}

/**
 * Who may change an interaction: the person who logged it, or a manager (team lists) whose customer
 * scope covers the customer — the caller has already found the interaction through that scope.
 */
export function mayEditInteraction(actor: Actor, interaction: { created_by: string | null }): boolean {
  return interaction.created_by === actor.id || can(actor, 'view_team');
}

/** Deleting a record of what was said is for its author, or an administrator cleaning up. */
export function mayDeleteInteraction(actor: Actor, interaction: { created_by: string | null }): boolean {
  return interaction.created_by === actor.id || actor.role === 'admin';
}
