import { judgeCheckIn } from '@weixi/domain';
import type { checkInRequestSchema, Visit } from '@weixi/shared';
import type { z } from 'zod';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../engagement.policy';
import { assertIsVisitor, visitForChange } from '../visit-rules';
import { auditVisit } from '../visits.presenter';
import { updateVisit } from '../visits.repository';
import { invalidTransition, throwIfIssues } from '../work-rules';
import { getVisit } from './get-visit';
import { readEngagementSettings } from './read-engagement-settings';

export type CheckInInput = Omit<z.output<typeof checkInRequestSchema>, 'version'>;

/**
 * The visitor arrives (外勤签到): the time, and the browser's position when it gave one. Without a
 * position (permission denied, no signal) the check-in is still recorded, flagged `no_location`;
 * with one, its distance from the customer's coordinates is kept and flagged `far` beyond the
 * setting.
 */
export async function checkInVisit(
  ctx: Ctx,
  id: string,
  version: number,
  input: CheckInInput,
): Promise<Visit> {
  assertCan(ctx.actor, 'plan_visit');
  const hasLat = input.latitude !== undefined;
  if (hasLat !== (input.longitude !== undefined))
    throwIfIssues([
      {
        path: hasLat ? 'longitude' : 'latitude',
        code: 'required',
        message: 'a position needs both latitude and longitude',
      },
    ]);
  const current = await visitForChange(ctx, id, version);
  assertIsVisitor(ctx, current, 'check in');
  if (current.status !== 'planned') throw invalidTransition('visit', current.status, 'checked_in');

  const settings = await readEngagementSettings(ctx);
  const at =
    input.latitude !== undefined && input.longitude !== undefined
      ? { latitude: input.latitude, longitude: input.longitude, accuracyM: input.accuracyM }
      : null;
  const customerAt =
    current.customer_latitude !== null && current.customer_longitude !== null
      ? { latitude: Number(current.customer_latitude), longitude: Number(current.customer_longitude) }
      : null;
  const judged = judgeCheckIn(at, customerAt, settings.checkInFarMeters);
  const now = ctx.clock.now();
  const patch = {
    status: 'checked_in',
    check_in_at: now,
    check_in_latitude: at?.latitude ?? null,
    check_in_longitude: at?.longitude ?? null,
    check_in_accuracy_m: at && input.accuracyM !== undefined ? Math.round(input.accuracyM) : null,
    check_in_distance_m: judged.distanceM,
    check_in_flag: judged.flag,
  };
  if (!(await updateVisit(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Visit', version + 1);
  const after = await getVisit(ctx, id);
  await recordAudit(ctx, {
    action: 'visit.check_in',
    entity: 'customer',
    entityId: current.customer_id,
    after: { ...auditVisit(after), locationError: input.locationError ?? null },
  });
  return after;
}
