import { templateIssues } from '@weixi/domain';
import type { FieldIssue } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { categoryState } from '../reply-templates.repository';

/**
 * What is wrong with a template an administrator saves: every placeholder that would not render
 * (unknown, empty, unclosed) beside `body`, offsets in the message so the form can point at it; a
 * category that does not exist or is no longer offered beside `categoryId`.
 */
export async function replyTemplateIssues(
  ctx: Ctx,
  draft: { body?: string | undefined; categoryId?: string | null | undefined },
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (draft.body !== undefined)
    for (const i of templateIssues(draft.body))
      issues.push({ path: 'body', code: i.code, message: i.message });
  if (draft.categoryId) {
    const category = await categoryState(ctx.db, draft.categoryId);
    if (!category)
      issues.push({ path: 'categoryId', code: 'not_found', message: 'no ticket category with this id' });
    else if (!category.active)
      issues.push({ path: 'categoryId', code: 'inactive', message: 'this category is deactivated' });
  }
  return issues;
}
