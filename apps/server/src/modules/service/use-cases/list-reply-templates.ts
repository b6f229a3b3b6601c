import type { ReplyTemplate } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { presentPlaceholders, presentReplyTemplate } from '../reply-templates.presenter';
import { listTemplates } from '../reply-templates.repository';
import { assertCan } from '../service.policy';

/** Templates an agent picks from (active by default; with a category, its own and the general ones). */
export async function listReplyTemplates(
  ctx: Ctx,
  query: { categoryId?: string | undefined; includeInactive?: boolean | undefined },
): Promise<{ items: ReplyTemplate[] }> {
  assertCan(ctx.actor, 'handle_tickets');
  const rows = await listTemplates(ctx.db, {
    categoryId: query.categoryId,
    includeInactive: query.includeInactive ?? false,
  });
  return { items: rows.map(presentReplyTemplate) };
}

/** The placeholders the template editor offers, in the reader's language. */
export function listReplyPlaceholders(ctx: Ctx): { name: string; label: string }[] {
  assertCan(ctx.actor, 'handle_tickets');
  return presentPlaceholders(ctx.actor.locale);
}
