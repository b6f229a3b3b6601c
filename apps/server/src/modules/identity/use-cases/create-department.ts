import { newId } from '@weixi/db';
import type { CreateDepartmentRequest } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../identity.policy';
import { auditDepartment, presentDepartment } from '../identity.presenter';
import { departmentExists, findDepartment, findUserById, insertDepartment } from '../identity.repository';

export async function createDepartment(ctx: Ctx, input: CreateDepartmentRequest) {
  assertCan(ctx.actor, 'departments.manage');
  if (input.parentId && !(await departmentExists(ctx.db, input.parentId))) {
    throw fieldError('parentId', 'not_found', 'parent department does not exist');
  }
  if (input.managerId && !(await findUserById(ctx.db, input.managerId))) {
    throw fieldError('managerId', 'not_found', 'manager does not exist');
  }
  const id = newId();
  await insertDepartment(ctx.db, {
    id,
    name: input.name,
    parent_id: input.parentId ?? null,
    manager_id: input.managerId ?? null,
    actorId: ctx.actor.id,
  });
  const department = presentDepartment((await findDepartment(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'department.create',
    entity: 'department',
    entityId: id,
    after: auditDepartment(department),
  });
  return department;
}
