import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../identity.policy';
import { auditDepartment, presentDepartment } from '../identity.presenter';
import {
  deleteDepartment as deleteDepartmentRow,
  departmentDependents,
  findDepartment,
} from '../identity.repository';

/** Only an empty leaf may go: people and sub-departments must be moved first, deliberately. */
export async function deleteDepartment(ctx: Ctx, id: string, version: number): Promise<void> {
  assertCan(ctx.actor, 'departments.manage');
  const current = await findDepartment(ctx.db, id);
  if (!current) throw notFound('Department');
  if (current.version !== version) throw staleVersion('Department', current.version);
  const { children, members } = await departmentDependents(ctx.db, id);
  if (children > 0 || members > 0) {
    throw new AppError(
      'conflict',
      `The department still has ${children} sub-department(s) and ${members} member(s); move them first`,
    );
  }
  if (!(await deleteDepartmentRow(ctx.db, id, version))) throw staleVersion('Department', version + 1);
  await recordAudit(ctx, {
    action: 'department.delete',
    entity: 'department',
    entityId: id,
    before: auditDepartment(presentDepartment(current)),
  });
}
