import { newId } from '@weixi/db';
import { defaultScopeForRole } from '@weixi/domain';
import type { CreateUserRequest } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../identity.policy';
import { auditUser, presentUser } from '../identity.presenter';
import { departmentExists, findUserByEmail, findUserById, insertUser } from '../identity.repository';
import { hashPassword } from '../passwords';

export async function createUser(ctx: Ctx, input: CreateUserRequest) {
  assertCan(ctx.actor, 'users.manage');
  if (input.departmentId && !(await departmentExists(ctx.db, input.departmentId))) {
    throw fieldError('departmentId', 'not_found', 'department does not exist');
  }
  // Checked up front for a friendly field error; the unique index still guards the race.
  if (await findUserByEmail(ctx.db, input.email)) {
    throw fieldError('email', 'already_exists', 'a user with this email already exists', 'already_exists');
  }
  const id = newId();
  await insertUser(ctx.db, {
    id,
    email: input.email,
    name: input.name,
    password_hash: await hashPassword(input.password),
    role: input.role,
    data_scope: input.dataScope ?? defaultScopeForRole(input.role),
    department_id: input.departmentId ?? null,
    phone: input.phone ?? '',
    locale: input.locale ?? 'zh-CN',
    actorId: ctx.actor.id,
  });
  const user = presentUser((await findUserById(ctx.db, id))!);
  await recordAudit(ctx, { action: 'user.create', entity: 'user', entityId: id, after: auditUser(user) });
  return user;
}
