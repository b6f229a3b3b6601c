import { newId } from '@weixi/db';
import type {
  CreateSurveyScheduleRequest,
  FieldIssue,
  SurveySchedule,
  UpdateSurveyScheduleRequest,
} from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { businessToday } from '../../engagement/work-rules';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../service.policy';
import { auditSchedule, presentSchedule } from '../surveys.presenter';
import {
  type Audience,
  existingCustomerIds,
  findSchedule,
  findSurvey,
  insertSchedule,
  listSchedules,
  updateSchedule,
} from '../surveys.repository';

// Survey schedules (定期满意度调查): CRUD for administrators; the daily job is run-survey-schedules.ts.

export async function listSurveySchedules(ctx: Ctx): Promise<{ items: SurveySchedule[] }> {
  assertCan(ctx.actor, 'manage_surveys');
  return { items: (await listSchedules(ctx.db)).map(presentSchedule) };
}

export async function getSurveySchedule(ctx: Ctx, id: string): Promise<SurveySchedule> {
  assertCan(ctx.actor, 'manage_surveys');
  const row = await findSchedule(ctx.db, id);
  if (!row) throw notFound('Survey schedule');
  return presentSchedule(row);
}

/** Empty lists are dropped: `grades: []` would otherwise read as "no grade matches". */
function normalAudience(a: Audience): Audience {
  return {
    ...(a.grades?.length ? { grades: [...new Set(a.grades)] } : {}),
    ...(a.categories?.length ? { categories: [...new Set(a.categories)] } : {}),
    ...(a.customerIds?.length ? { customerIds: [...new Set(a.customerIds)] } : {}),
  };
}

async function checkSchedule(
  ctx: Ctx,
  s: { surveyId?: string | undefined; audience?: Audience | undefined; nextRunOn?: string | undefined },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (s.audience) {
    const a = s.audience;
    if (!a.grades && !a.categories && !a.customerIds) {
      issues.push({
        path: 'audience',
        code: 'required',
        message: 'name at least one of grades, categories or customers',
      });
    }
    if (a.customerIds) {
      const found = await existingCustomerIds(ctx.db, a.customerIds);
      a.customerIds.forEach((id, i) => {
        if (!found.has(id))
          issues.push({ path: `audience.customerIds.${i}`, code: 'not_found', message: 'no such customer' });
      });
    }
  }
  if (s.nextRunOn !== undefined) {
    const today = businessToday(ctx);
    if (s.nextRunOn < today)
      issues.push({ path: 'nextRunOn', code: 'before_today', message: `must be today (${today}) or later` });
  }
  if (s.surveyId !== undefined) {
    const survey = await findSurvey(ctx.db, s.surveyId);
    if (!survey) issues.push({ path: 'surveyId', code: 'not_found', message: 'no such survey' });
    else if (survey.status === 'archived')
      issues.push({ path: 'surveyId', code: 'survey_archived', message: 'the survey is archived' });
  }
  if (issues.length) throw new AppError('validation_failed', 'Some fields are not valid', { errors: issues });
}

/** A schedule sends its survey to the audience on nextRunOn and then every intervalDays. */
export async function createSurveySchedule(
  ctx: Ctx,
  input: CreateSurveyScheduleRequest,
): Promise<SurveySchedule> {
  assertCan(ctx.actor, 'manage_surveys');
  const audience = normalAudience(input.audience);
  await checkSchedule(ctx, { surveyId: input.surveyId, audience, nextRunOn: input.nextRunOn });
  const id = newId();
  await insertSchedule(ctx.db, {
    id,
    surveyId: input.surveyId,
    name: input.name.trim(),
    audience,
    intervalDays: input.intervalDays,
    nextRunOn: input.nextRunOn,
    active: input.active ?? true,
    actorId: ctx.actor.id,
    now: ctx.clock.now(),
  });
  const schedule = await getSurveySchedule(ctx, id);
  await recordAudit(ctx, {
    action: 'survey_schedule.create',
    entity: 'survey_schedule',
    entityId: id,
    after: auditSchedule(schedule),
  });
  return schedule;
}

export async function updateSurveySchedule(
  ctx: Ctx,
  id: string,
  version: number,
  input: Omit<UpdateSurveyScheduleRequest, 'version'>,
): Promise<SurveySchedule> {
  assertCan(ctx.actor, 'manage_surveys');
  const row = await findSchedule(ctx.db, id, { lock: true });
  if (!row) throw notFound('Survey schedule');
  if (row.version !== version) throw staleVersion('Survey schedule', row.version);
  const audience = input.audience ? normalAudience(input.audience) : undefined;
  await checkSchedule(ctx, {
    surveyId: input.surveyId !== row.survey_id ? input.surveyId : undefined,
    audience,
    nextRunOn: input.nextRunOn !== row.next_run_on ? input.nextRunOn : undefined,
  });
  const before = presentSchedule(row);
  await updateSchedule(
    ctx.db,
    id,
    version,
    {
      ...(input.surveyId !== undefined ? { surveyId: input.surveyId } : {}),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(audience !== undefined ? { audience } : {}),
      ...(input.intervalDays !== undefined ? { intervalDays: input.intervalDays } : {}),
      ...(input.nextRunOn !== undefined ? { nextRunOn: input.nextRunOn } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    },
    ctx.actor.id,
    ctx.clock.now(),
  );
  const after = await getSurveySchedule(ctx, id);
  await recordAudit(ctx, {
    action: 'survey_schedule.update',
    entity: 'survey_schedule',
    entityId: id,
    before: auditSchedule(before),
    after: auditSchedule(after),
  });
  return after;
}
