import { AppError, fieldError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { deleteSessionsOfUser, findUserById, updateUser } from '../identity.repository';
import { hashPassword, verifyPassword } from '../passwords';

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user) throw notFound('User');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw fieldError('currentPassword', 'invalid', 'current password is wrong');
  }
  if (input.currentPassword === input.newPassword) {
    throw fieldError('newPassword', 'unchanged', 'the new password must differ from the current one');
  }
  const now = ctx.clock.now();
  const changed = await updateUser(
    ctx.db,
    user.id,
    user.version,
    { password_hash: await hashPassword(input.newPassword), password_changed_at: now },
    ctx.actor.id,
    now,
  );
  if (!changed) throw new AppError('version_conflict', 'Your account was changed meanwhile; try again');
  // Other devices signed in with the old password are signed out; this one stays.
  await deleteSessionsOfUser(ctx.db, user.id, ctx.actor.sessionId);
  await recordAudit(ctx, { action: 'user.change_password', entity: 'user', entityId: user.id });
}
