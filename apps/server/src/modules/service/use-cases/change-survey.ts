import type { SurveyQuestion } from '@weixi/domain';
import type { Survey } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../service.policy';
import { auditSurvey } from '../surveys.presenter';
import { findSurvey, type SurveyRow, updateSurvey } from '../surveys.repository';
import { getSurvey } from './get-survey';

/**
 * The shared steps of every change to a survey: admin only, row locked, at the version the
 * administrator saw (409 otherwise), `decide` may refuse by the current state, audited.
 */
export async function changeSurvey(
  ctx: Ctx,
  id: string,
  version: number,
  action: string,
  decide: (row: SurveyRow) => {
    title?: string;
    intro?: string;
    questions?: SurveyQuestion[];
    status?: string;
  },
): Promise<Survey> {
  assertCan(ctx.actor, 'manage_surveys');
  const row = await findSurvey(ctx.db, id, { lock: true });
  if (!row) throw notFound('Survey');
  if (row.version !== version) throw staleVersion('Survey', row.version);
  const before = await getSurvey(ctx, id);
  const patch = decide(row);
  await updateSurvey(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now());
  const after = await getSurvey(ctx, id);
  await recordAudit(ctx, {
    action,
    entity: 'survey',
    entityId: id,
    before: auditSurvey(before),
    after: auditSurvey(after),
  });
  return after;
}

export function wrongStatus(status: string, message: string, path = 'status'): AppError {
  return new AppError('conflict', message, { errors: [{ path, code: `survey_${status}`, message }] });
}
