import type { Survey } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { presentSurvey } from '../surveys.presenter';
import { getSurveyWithCount } from '../surveys.repository';

/** One survey: for those who send surveys (to pick one) as well as the administrators who build them. */
export async function getSurvey(ctx: Ctx, id: string): Promise<Survey> {
  assertCan(ctx.actor, 'send_surveys');
  const row = await getSurveyWithCount(ctx.db, id);
  if (!row) throw notFound('Survey');
  return presentSurvey(row);
}
