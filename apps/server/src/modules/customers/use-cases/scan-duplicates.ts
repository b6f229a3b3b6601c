import { decodeCursor, encodeCursor } from '@weixi/domain';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../customers.policy';
import { duplicateGroups, duplicateSummaries } from '../customers.repository';
import { presentMatch } from './find-duplicates';

/** Whole-archive duplicate check (全库查重): groups of customers sharing a credit code, name key or phone. */
export async function scanDuplicates(ctx: Ctx, input: { limit: number; cursor?: string | undefined }) {
  assertCan(ctx.actor, 'scan_duplicates');
  let after: { reason: string; key: string } | null = null;
  if (input.cursor) {
    const v = decodeCursor(input.cursor, 2);
    if (!v || typeof v[0] !== 'string' || typeof v[1] !== 'string')
      throw fieldError('query.cursor', 'invalid', 'cursor is not valid');
    after = { reason: v[0], key: v[1] };
  }
  const rows = await duplicateGroups(ctx.db, input.limit, after);
  const page = rows.slice(0, input.limit);
  const summaries = new Map(
    (
      await duplicateSummaries(
        ctx.db,
        await ctx.scope(),
        page.flatMap((g) => g.ids),
      )
    ).map((s) => [s.id, s]),
  );
  const last = page.at(-1);
  return {
    groups: page.map((g) => ({
      reason: g.reason,
      key: g.key,
      customers: g.ids.flatMap((id) => {
        const s = summaries.get(id);
        return s ? [presentMatch(s, [g.reason], ctx.actor).customer] : [];
      }),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.reason, last.key]) : null,
  };
}
