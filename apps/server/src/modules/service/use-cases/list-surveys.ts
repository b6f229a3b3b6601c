import type { Survey, SurveyStatus } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { presentSurvey } from '../surveys.presenter';
import { listSurveys as listSurveyRows } from '../surveys.repository';

/** Surveys, most recently changed first, optionally of one status (senders pick an active one). */
export async function listSurveys(
  ctx: Ctx,
  query: { status?: SurveyStatus | undefined },
): Promise<{ items: Survey[] }> {
  assertCan(ctx.actor, 'send_surveys');
  const rows = await listSurveyRows(ctx.db, query.status);
  return { items: rows.map(presentSurvey) };
}
