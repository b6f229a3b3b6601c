import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../identity.policy';
import { presentUser } from '../identity.presenter';
import { findUserById } from '../identity.repository';

export async function getUser(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'users.manage');
  const row = await findUserById(ctx.db, id);
  if (!row) throw notFound('User');
  return presentUser(row);
}
