import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentDepartment } from '../identity.presenter';
import { listDepartments as listDepartmentRows } from '../identity.repository';

/** Any signed-in user may read the organisation chart: forms elsewhere pick departments from it. */
export async function listDepartments(
  ctx: Ctx,
  input: {
    limit: number;
    cursor?: string | undefined;
    q?: string | undefined;
    parentId?: string | undefined;
  },
) {
  const cursor = readCursor(input.cursor, 2);
  const after = cursor ? { name: String(cursor.values[0]), id: cursor.id } : undefined;
  const { rows, total } = await listDepartmentRows(ctx.db, { ...input, ...(after ? { after } : {}) });
  return pageOf(rows, input.limit, total, presentDepartment, (r) => [r.name, r.id]);
}
