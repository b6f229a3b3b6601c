import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import { addDays, dateInTimeZone } from '@weixi/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import { insertTask } from '../../engagement/tasks.repository';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { emailConfigured } from '../../platform/mailer';
import { notify } from '../../platform/notify';
import { surveySecret } from '../survey-secret';
import { audienceMembers, claimSchedule, dueScheduleIds, findSurvey } from '../surveys.repository';
import { readServiceSettings } from './read-service-settings';
import { sendInvitation } from './send-invitation';

export interface ScheduleRunCtx {
  /** The pool: each schedule is sent in its own transaction. */
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  jobs?: JobQueue | undefined;
}

export interface ScheduleRunResult {
  schedules: number;
  emailed: number;
  links: number;
  skipped: number;
}

/**
 * Sends every active schedule due today (business time zone), once per run date: each schedule
 * is first claimed by moving its next_run_on past today in the transaction that sends it, so a
 * second worker (or a retry after success) finds nothing due, and a failed send rolls the claim
 * back for the retry.
 *
 * Customers with an address get the survey by e-mail. Those without one get a 'link' invitation,
 * and their owner a task per customer carrying the link to hand over (phone, WeChat, visit): a
 * link nobody passes on is a survey nobody answers, and a task is what the owner works from and is
 * reminded of. Each owner is also notified once per schedule run with the count. Customers with
 * neither an address nor an owner get a link invitation only, counted as `skipped`.
 */
export async function runSurveySchedules(ctx: ScheduleRunCtx): Promise<ScheduleRunResult> {
  const now = ctx.clock.now();
  const today = dateInTimeZone(now, ctx.config.TZ_BUSINESS);
  const result: ScheduleRunResult = { schedules: 0, emailed: 0, links: 0, skipped: 0 };
  const due = await dueScheduleIds(ctx.db, today);
  if (due.length === 0) return result;
  const secret = await surveySecret(ctx, true);
  const settings = await readServiceSettings(ctx);
  for (const scheduleId of due) {
    await ctx.db.transaction().execute(async (trx) => {
      const schedule = await claimSchedule(trx, scheduleId, today, now);
      if (!schedule) return;
      result.schedules++;
      const survey = await findSurvey(trx, schedule.survey_id);
      // A draft or archived survey sends nothing; the schedule still moves on to its next date.
      if (survey?.status !== 'active') return;
      const linksByOwner = new Map<string, number>();
      const tx = { ...ctx, db: trx };
      for (const m of await audienceMembers(trx, schedule.audience)) {
        const channel = m.email !== '' && emailConfigured(ctx.config) ? 'email' : 'link';
        const { invitation, link } = await sendInvitation(tx, {
          survey,
          recipient: {
            customerId: m.customer_id,
            customerName: m.customer_name,
            contactId: m.contact_id,
            email: m.email,
          },
          ticketId: null,
          scheduleId: schedule.id,
          channel,
          locale: 'zh-CN',
          linkDays: settings.surveyLinkDays,
          actorId: null,
          secret,
        });
        if (channel === 'email') {
          result.emailed++;
          continue;
        }
        result.links++;
        if (!m.owner_id) {
          result.skipped++;
          continue;
        }
        await insertTask(trx, {
          id: newId(),
          title: `发送满意度调查：${m.customer_name}`.slice(0, 200),
          description: `客户没有电子邮箱，请通过电话、微信或拜访把调查链接发给客户（${survey.title}）：\n${link}\n\nThe customer has no e-mail address: please hand this survey link over by phone, WeChat or in person.`,
          customer_id: m.customer_id,
          owner_id: m.owner_id,
          due_on: addDays(today, 2),
          source: 'survey',
          source_id: invitation.id,
          created_at: now,
          updated_at: now,
          created_by: null,
          updated_by: null,
        });
        linksByOwner.set(m.owner_id, (linksByOwner.get(m.owner_id) ?? 0) + 1);
      }
      for (const [ownerId, count] of linksByOwner) {
        await notify(tx, {
          userIds: [ownerId],
          kind: 'task.survey_links',
          params: { count, survey: survey.title },
          link: '/engagement/tasks',
          entity: 'survey_schedule',
          entityId: schedule.id,
          actorId: null,
          dedupeKey: `task.survey_links:${schedule.id}:${today}`,
        });
      }
    });
  }
  return result;
}
