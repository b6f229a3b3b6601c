import type { WorkView } from '@weixi/shared';
import { AppError, fieldError } from '../../http/app-error';
import type { Ctx } from '../../http/context';
import { departmentExists, departmentSubtreeIds } from '../identity/identity.repository';
import { can } from './engagement.policy';
import { allUserIds, type FollowUpAudience, findPerson, membersOf } from './follow-ups.repository';

export interface AudienceInput {
  view: WorkView;
  ownerId?: string | undefined;
  departmentId?: string | undefined;
}

/**
 * Whose follow-ups a list shows. `mine`: the actor's own customers. `team` (managers): the owners
 * in the actor's department subtree, or everyone for an all-data scope. `all`: everything in the
 * actor's customer scope — owners in reach plus customers they collaborate on. `ownerId` and
 * `departmentId` narrow team and all views to part of what the actor may see; asking for someone
 * or some department outside it is a 403. Customers without an owner (the public pool) are in
 * nobody's list: nobody is due to call them.
 */
export async function followUpAudience(ctx: Ctx, input: AudienceInput): Promise<FollowUpAudience> {
  const me = ctx.actor.id;
  if (input.view === 'mine') {
    for (const key of ['ownerId', 'departmentId'] as const) {
      if (input[key] !== undefined)
        throw fieldError(
          `query.${key}`,
          'not_allowed',
          `${key} narrows view=team or view=all; view=mine is yours`,
        );
    }
    return { owners: [me], collaborator: null };
  }
  if (input.view === 'team' && !can(ctx.actor, 'view_team'))
    throw new AppError('forbidden', 'Team lists are for managers (engagement.view_team)');

  const scope = await ctx.scope();
  const everyone = scope.kind === 'all';
  const departments = scope.kind === 'department' ? scope.departmentIds : [];
  // Everyone the view reaches (null: everybody), before any narrowing.
  const reach: string[] | null = everyone
    ? null
    : [...new Set([me, ...(await membersOf(ctx.db, departments))])];
  let owners = reach;
  let collaborator = input.view === 'all' && !everyone ? me : null;

  if (input.departmentId !== undefined) {
    if (everyone) {
      if (!(await departmentExists(ctx.db, input.departmentId)))
        throw fieldError('query.departmentId', 'not_found', 'no department with this id');
    } else if (!departments.includes(input.departmentId)) {
      throw new AppError('forbidden', 'That department is outside your data scope', {
        errors: [
          { path: 'query.departmentId', code: 'out_of_scope', message: 'not a department you oversee' },
        ],
      });
    }
    const members = await membersOf(ctx.db, await departmentSubtreeIds(ctx.db, input.departmentId));
    owners = owners === null ? members : owners.filter((id) => members.includes(id));
    collaborator = null;
  }

  if (input.ownerId !== undefined) {
    if (reach === null) {
      if (!(await findPerson(ctx.db, input.ownerId)))
        throw fieldError('query.ownerId', 'not_found', 'no user with this id');
    } else if (!reach.includes(input.ownerId)) {
      throw new AppError('forbidden', 'That person is outside your data scope', {
        errors: [
          { path: 'query.ownerId', code: 'out_of_scope', message: 'not someone whose customers you see' },
        ],
      });
    }
    // Someone in reach but outside the department asked for simply has nothing in it.
    const inDepartment = owners === null || owners.includes(input.ownerId);
    return { owners: inDepartment ? [input.ownerId] : [], collaborator: null };
  }

  return { owners: owners ?? (await allUserIds(ctx.db)), collaborator };
}
