import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { presentDepartment } from '../identity.presenter';
import { findDepartment } from '../identity.repository';

export async function getDepartment(ctx: Ctx, id: string) {
  const row = await findDepartment(ctx.db, id);
  if (!row) throw notFound('Department');
  return presentDepartment(row);
}
