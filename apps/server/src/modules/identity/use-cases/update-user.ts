import type { UpdateUserRequest } from '@weixi/shared';
import { AppError, fieldError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../identity.policy';
import { auditUser, presentUser } from '../identity.presenter';
import {
  deleteSessionsOfUser,
  departmentExists,
  findUserByEmail,
  findUserById,
  type UserPatch,
  updateUser as updateUserRow,
} from '../identity.repository';
import { hashPassword } from '../passwords';

export async function updateUser(ctx: Ctx, id: string, version: number, input: UpdateUserRequest) {
  assertCan(ctx.actor, 'users.manage');
  const current = await findUserById(ctx.db, id);
  if (!current) throw notFound('User');
  if (current.version !== version) throw staleVersion('User', current.version);

  const selfDemotion =
    id === ctx.actor.id && ((input.role && input.role !== 'admin') || input.status === 'disabled');
  if (selfDemotion) {
    throw new AppError('conflict', 'You cannot remove your own administrator role or disable yourself', {
      errors: [
        { path: input.status === 'disabled' ? 'status' : 'role', code: 'self', message: 'not on yourself' },
      ],
    });
  }
  if (input.departmentId && !(await departmentExists(ctx.db, input.departmentId))) {
    throw fieldError('departmentId', 'not_found', 'department does not exist');
  }
  if (input.email && input.email !== current.email.toLowerCase()) {
    const other = await findUserByEmail(ctx.db, input.email);
    if (other && other.id !== id) {
      throw fieldError('email', 'already_exists', 'a user with this email already exists', 'already_exists');
    }
  }

  const now = ctx.clock.now();
  const patch: UserPatch = {};
  if (input.email !== undefined) patch.email = input.email;
  if (input.name !== undefined) patch.name = input.name;
  if (input.role !== undefined) patch.role = input.role;
  if (input.dataScope !== undefined) patch.data_scope = input.dataScope;
  if (input.departmentId !== undefined) patch.department_id = input.departmentId;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.status !== undefined) patch.status = input.status;
  if (input.locale !== undefined) patch.locale = input.locale;
  if (input.password !== undefined) {
    patch.password_hash = await hashPassword(input.password);
    patch.password_changed_at = now;
  }
  if (input.unlock) {
    patch.failed_logins = 0;
    patch.locked_until = null;
  }

  if (!(await updateUserRow(ctx.db, id, version, patch, ctx.actor.id, now))) {
    const fresh = await findUserById(ctx.db, id);
    if (!fresh) throw notFound('User');
    throw staleVersion('User', fresh.version);
  }
  // A password reset or disabling must end every open session of that user at once.
  if (input.password !== undefined || input.status === 'disabled') await deleteSessionsOfUser(ctx.db, id);

  const updated = presentUser((await findUserById(ctx.db, id))!);
  await recordAudit(ctx, {
    action: input.password !== undefined ? 'user.update+password_reset' : 'user.update',
    entity: 'user',
    entityId: id,
    before: auditUser(presentUser(current)),
    after: auditUser(updated),
  });
  return updated;
}
