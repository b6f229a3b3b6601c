import { encodeCursor } from '@weixi/domain';
import type { SurveyResponseItem } from '@weixi/shared';
import { fieldError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { readCursor } from '../../../http/pagination';
import { assertCan } from '../service.policy';
import { findSurvey, listResponses, type ResponseView } from '../surveys.repository';
import { periodOf } from './survey-period';

const exactTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function present(r: ResponseView): SurveyResponseItem {
  return {
    id: r.id,
    submittedAt: new Date(r.submitted_at).toISOString(),
    customer: { id: r.customer_id, name: r.customer_name },
    ticket:
      r.ticket_id && r.ticket_number !== null ? { id: r.ticket_id, number: Number(r.ticket_number) } : null,
    csat: r.csat,
    nps: r.nps,
    lowScore: r.low_score,
    answers: r.answers,
  };
}

/**
 * A survey's responses, newest first, keyset-paged; only customers in the actor's data scope
 * (a response names the customer and what they said). Managers, like the results.
 */
export async function listSurveyResponses(
  ctx: Ctx,
  surveyId: string,
  query: { from?: string | undefined; to?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: SurveyResponseItem[]; nextCursor: string | null }> {
  assertCan(ctx.actor, 'view_team');
  const cursor = readCursor(query.cursor, 2);
  const at = cursor ? String(cursor.values[0]) : null;
  if (cursor && (at === null || !exactTime.test(at))) {
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  }
  if (!(await findSurvey(ctx.db, surveyId))) throw notFound('Survey');
  const rows = await listResponses(
    ctx.db,
    await ctx.scope(),
    surveyId,
    periodOf(ctx, query),
    query.limit + 1,
    cursor && at ? { at, id: cursor.id } : null,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([new Date(last.submitted_at).toISOString(), last.id])
        : null,
  };
}
