import type { ListUsersQuery } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { assertCan } from '../identity.policy';
import { presentUser } from '../identity.presenter';
import { listUsers as listUserRows } from '../identity.repository';

export async function listUsers(ctx: Ctx, input: ListUsersQuery) {
  assertCan(ctx.actor, 'users.manage');
  const byName = input.sort === 'name' || input.sort === '-name';
  const cursor = readCursor(input.cursor, byName ? 2 : 1);
  const after = cursor ? { key: byName ? String(cursor.values[0]) : '', id: cursor.id } : null;
  const { rows, total } = await listUserRows(ctx.db, input, input.sort, input.limit, after);
  return pageOf(rows, input.limit, total, presentUser, (r) => (byName ? [r.name, r.id] : [r.id]));
}
