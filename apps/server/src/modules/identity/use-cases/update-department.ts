import { wouldCreateCycle } from '@weixi/domain';
import type { UpdateDepartmentRequest } from '@weixi/shared';
import { fieldError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../identity.policy';
import { auditDepartment, presentDepartment } from '../identity.presenter';
import {
  departmentEdges,
  departmentExists,
  findDepartment,
  findUserById,
  updateDepartment as updateDepartmentRow,
} from '../identity.repository';

export async function updateDepartment(
  ctx: Ctx,
  id: string,
  version: number,
  input: UpdateDepartmentRequest,
) {
  assertCan(ctx.actor, 'departments.manage');
  const current = await findDepartment(ctx.db, id);
  if (!current) throw notFound('Department');
  if (current.version !== version) throw staleVersion('Department', current.version);
  if (input.parentId) {
    if (!(await departmentExists(ctx.db, input.parentId))) {
      throw fieldError('parentId', 'not_found', 'parent department does not exist');
    }
    if (wouldCreateCycle(await departmentEdges(ctx.db), id, input.parentId)) {
      throw fieldError(
        'parentId',
        'cycle',
        'a department cannot move under itself or one of its sub-departments',
      );
    }
  }
  if (input.managerId && !(await findUserById(ctx.db, input.managerId))) {
    throw fieldError('managerId', 'not_found', 'manager does not exist');
  }
  const patch: { name?: string; parent_id?: string | null; manager_id?: string | null } = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.parentId !== undefined) patch.parent_id = input.parentId;
  if (input.managerId !== undefined) patch.manager_id = input.managerId;
  if (!(await updateDepartmentRow(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now()))) {
    const fresh = await findDepartment(ctx.db, id);
    if (!fresh) throw notFound('Department');
    throw staleVersion('Department', fresh.version);
  }
  const updated = presentDepartment((await findDepartment(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'department.update',
    entity: 'department',
    entityId: id,
    before: auditDepartment(presentDepartment(current)),
    after: auditDepartment(updated),
  });
  return updated;
}
