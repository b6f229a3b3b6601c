import { newId } from '@weixi/db';
import type { CreateReplyTemplateRequest, ReplyTemplate } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { throwIfIssues } from '../../engagement/work-rules';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentReplyTemplate } from '../reply-templates.presenter';
import { findTemplate, insertTemplate } from '../reply-templates.repository';
import { assertCan } from '../service.policy';
import { replyTemplateIssues } from './reply-template-rules';

/** Adds a standard reply (admins and department managers); its placeholders must all render. */
export async function createReplyTemplate(
  ctx: Ctx,
  input: CreateReplyTemplateRequest,
): Promise<ReplyTemplate> {
  assertCan(ctx.actor, 'manage_templates');
  throwIfIssues(await replyTemplateIssues(ctx, input));
  const id = newId();
  await insertTemplate(
    ctx.db,
    {
      id,
      title: input.title,
      category_id: input.categoryId ?? null,
      body: input.body,
      active: input.active ?? true,
    },
    ctx.actor.id,
    ctx.clock.now(),
  );
  const created = presentReplyTemplate((await findTemplate(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'reply_template.create',
    entity: 'reply_template',
    entityId: id,
    after: auditTemplate(created),
  });
  return created;
}

/** What the audit log keeps of a template. */
export function auditTemplate(t: ReplyTemplate): Record<string, unknown> {
  return { title: t.title, categoryId: t.category?.id ?? null, body: t.body, active: t.active };
}
