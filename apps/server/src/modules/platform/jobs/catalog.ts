import { housekeepingJob } from '../../../jobs/housekeeping';
import { recomputeFollowUpsJob, remindersCron, remindersJob } from '../../engagement/engagement.jobs';
import { nightlyRegradeCron, regradeAllJob, regradeOneJob } from '../../grading/grading.jobs';
import { poolRecycleJob } from '../../ownership/ownership.jobs';
import { slaWatchCron, slaWatchJob } from '../../service/sla.jobs';
import { surveySchedulesCron, surveySchedulesJob } from '../../service/surveys.jobs';
import { outboxDeliverJob } from '../outbox.jobs';
import type { JobDefinition } from './define-job';
import type { JobSchedule } from './job-queue';

/**
 * Every job the server knows. Worker processes run these; every process may send them. A module
 * adds its `<module>.jobs.ts` definitions here (one line each), and its schedules below.
 */
export const jobCatalog: readonly JobDefinition[] = [
  housekeepingJob,
  poolRecycleJob,
  regradeAllJob,
  regradeOneJob,
  recomputeFollowUpsJob,
  remindersJob,
  outboxDeliverJob,
  slaWatchJob,
  surveySchedulesJob,
];

/**
 * Schedules, in the business time zone (TZ_BUSINESS) unless one is given. They are written to the
 * database at every worker start, so this list is the truth: a schedule removed here is removed there.
 */
export const scheduleCatalog: readonly JobSchedule[] = [
  { job: housekeepingJob, cron: '*/10 * * * *' },
  // Nightly, before anyone starts work: warnings are waiting in the morning.
  { job: poolRecycleJob, cron: '30 1 * * *' },
  { job: regradeAllJob, cron: nightlyRegradeCron },
  { job: remindersJob, cron: remindersCron },
  // Retries whose back-off has passed; new messages queue a delivery themselves.
  { job: outboxDeliverJob, cron: '* * * * *' },
  // Warns before SLA deadlines and escalates breaches; each once, however often it runs.
  { job: slaWatchJob, cron: slaWatchCron },
  // Scheduled satisfaction surveys, in the morning when people read their mail.
  { job: surveySchedulesJob, cron: surveySchedulesCron },
];
