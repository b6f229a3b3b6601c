import type { DB } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import { serviceStandards } from '../../grading/use-cases/service-standards';
import type { FollowUpRules } from '../follow-ups.presenter';
import { readEngagementSettings } from './read-engagement-settings';

/** The cadence of each grade and the key-contact days in force, to say which rule set a due date. */
export async function followUpRules(ctx: {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
}): Promise<FollowUpRules> {
  const [standards, settings] = await Promise.all([serviceStandards(ctx), readEngagementSettings(ctx)]);
  return {
    followUpDays: Object.fromEntries(standards.map((s) => [s.grade, s.followUpDays])),
    keyContactDays: settings.keyContactDays,
    now: ctx.clock.now(),
    timeZone: ctx.config.TZ_BUSINESS,
  };
}
