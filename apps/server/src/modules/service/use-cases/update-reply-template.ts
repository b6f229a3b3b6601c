import type { ReplyTemplate, UpdateReplyTemplateRequest } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { throwIfIssues } from '../../engagement/work-rules';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentReplyTemplate } from '../reply-templates.presenter';
import { findTemplate, updateTemplate } from '../reply-templates.repository';
import { assertCan } from '../service.policy';
import { auditTemplate } from './create-reply-template';
import { replyTemplateIssues } from './reply-template-rules';

/**
 * Changes a template; deactivating takes it out of the agents' list without losing what it said.
 * An unchanged category that has since been deactivated may stay.
 */
export async function updateReplyTemplate(
  ctx: Ctx,
  id: string,
  version: number,
  input: Omit<UpdateReplyTemplateRequest, 'version'>,
): Promise<ReplyTemplate> {
  assertCan(ctx.actor, 'manage_templates');
  const current = await findTemplate(ctx.db, id);
  if (!current) throw notFound('Reply template');
  if (current.version !== version) throw staleVersion('Reply template', current.version);
  throwIfIssues(
    await replyTemplateIssues(ctx, {
      body: input.body,
      categoryId: input.categoryId !== current.category_id ? input.categoryId : undefined,
    }),
  );
  const patch = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  if (!(await updateTemplate(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Reply template', version + 1);
  const after = presentReplyTemplate((await findTemplate(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'reply_template.update',
    entity: 'reply_template',
    entityId: id,
    before: auditTemplate(presentReplyTemplate(current)),
    after: auditTemplate(after),
  });
  return after;
}
