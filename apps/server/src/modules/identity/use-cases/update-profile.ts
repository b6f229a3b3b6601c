import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { auditUser, presentUser } from '../identity.presenter';
import { findUserById, updateUser } from '../identity.repository';

/** Users edit their own name, phone and language; role, scope and department stay with admins. */
export async function updateProfile(
  ctx: Ctx,
  input: { name?: string | undefined; phone?: string | undefined; locale?: 'zh-CN' | 'en-US' | undefined },
) {
  const current = await findUserById(ctx.db, ctx.actor.id);
  if (!current) throw notFound('User');
  const patch: { name?: string; phone?: string; locale?: string } = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.locale !== undefined) patch.locale = input.locale;
  // The actor edits only themselves; the version they hold is the current one by definition.
  if (!(await updateUser(ctx.db, current.id, current.version, patch, ctx.actor.id, ctx.clock.now()))) {
    // An administrator changed this user between our read and write: refuse rather than overwrite.
    throw new AppError('version_conflict', 'Your account was changed meanwhile; reload and try again');
  }
  const updated = presentUser((await findUserById(ctx.db, ctx.actor.id))!);
  await recordAudit(ctx, {
    action: 'user.update_profile',
    entity: 'user',
    entityId: current.id,
    before: auditUser(presentUser(current)),
    after: auditUser(updated),
  });
  return updated;
}
