import { z } from 'zod';
import { defineJob } from '../platform/jobs/define-job';
import { runSurveySchedules } from './use-cases/run-survey-schedules';

/** Daily, at nine in the business time zone: invitations arrive when people read their mail. */
export const surveySchedulesCron = '0 9 * * *';

/**
 * Sends the survey schedules due today. Re-runs and concurrent runs send nothing twice: each
 * schedule is claimed (its next date moved on) in the transaction that sends it. `stately`: one
 * waiting and one running at most.
 */
export const surveySchedulesJob = defineJob(
  'surveys.scheduled',
  z.object({}),
  async (ctx) => ({
    ...(await runSurveySchedules({ db: ctx.db, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs })),
  }),
  { retryLimit: 2, retryDelay: 300, expireInSeconds: 3600, policy: 'stately' },
);
