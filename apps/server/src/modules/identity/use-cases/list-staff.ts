import type { ListStaffQuery } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentStaffMember } from '../identity.presenter';
import { listUsers as listUserRows } from '../identity.repository';

/**
 * Active colleagues by name, for every signed-in user: owners, collaborators and hosts are picked
 * from here by people who may not administer users. Disabled accounts are not offered.
 */
export async function listStaff(ctx: Ctx, input: ListStaffQuery) {
  const cursor = readCursor(input.cursor, 2);
  const after = cursor ? { key: String(cursor.values[0]), id: cursor.id } : null;
  const { rows, total } = await listUserRows(
    ctx.db,
    { q: input.q, role: input.role, departmentId: input.departmentId, status: 'active' },
    'name',
    input.limit,
    after,
  );
  return pageOf(rows, input.limit, total, presentStaffMember, (r) => [r.name, r.id]);
}
