import { type ServiceSettings, serviceSettingsIssues } from '@weixi/domain';
import type { FieldIssue, ServiceSettingsView, UpdateServiceSettingsRequest } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { writeSettingAtVersion } from '../../customers/customers.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../service.policy';
import { presentServiceSettings } from '../settings.presenter';
import { activeSurveyExists } from '../settings.repository';
import { readServiceSettings, serviceSettingsKey } from './read-service-settings';

const keys = [
  'calendar',
  'slaPolicies',
  'warnBeforePercent',
  'reopenWindowDays',
  'resolvedSurveyId',
  'surveyLinkDays',
  'lowScore',
] as const satisfies readonly (keyof ServiceSettings)[];

/**
 * Administrators replace the whole service standard. Every issue (calendar, policies, ranges, the
 * survey sent after resolving) is reported at once by its field and nothing is saved; the version
 * they read must still be current (409 otherwise). Policy changes apply to tickets opened from now
 * on: running clocks keep the targets they were given.
 */
export async function updateServiceSettings(
  ctx: Ctx,
  input: UpdateServiceSettingsRequest & { version: number },
): Promise<ServiceSettingsView> {
  assertCan(ctx.actor, 'manage_settings');
  const { version: current, updatedAt: _, ...before } = await readServiceSettings(ctx);
  const after: ServiceSettings = {
    calendar: input.calendar,
    slaPolicies: input.slaPolicies,
    warnBeforePercent: input.warnBeforePercent,
    reopenWindowDays: input.reopenWindowDays,
    resolvedSurveyId: input.resolvedSurveyId,
    surveyLinkDays: input.surveyLinkDays,
    lowScore: input.lowScore,
  };
  const issues: FieldIssue[] = serviceSettingsIssues(after).map((i) => ({ ...i }));
  if (after.resolvedSurveyId !== null && !(await activeSurveyExists(ctx.db, after.resolvedSurveyId)))
    issues.push({ path: 'resolvedSurveyId', code: 'not_found', message: 'no active survey with this id' });
  if (issues.length > 0)
    throw new AppError('validation_failed', 'Some service settings are not valid', { errors: issues });
  if (input.version !== current) throw staleVersion('The service settings', current);

  const changed = keys.filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  if (changed.length === 0) return presentServiceSettings(await readServiceSettings(ctx));
  if (
    !(await writeSettingAtVersion(ctx.db, serviceSettingsKey, after, current, ctx.actor.id, ctx.clock.now()))
  )
    throw staleVersion('The service settings', current + 1);
  await recordAudit(ctx, {
    action: 'setting.update',
    entity: 'setting',
    entityId: serviceSettingsKey,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  return presentServiceSettings(await readServiceSettings(ctx));
}
