import type { JobsResources } from './jobs.zh-CN';

/** English strings of the background jobs admin page, typed against the Chinese. */
const jobsEnUS: JobsResources = {
  title: 'Background jobs',
  subtitle:
    'Runs of scheduled and long jobs (bulk regrading, for example): queued, running, done or failed. Failed jobs can be retried.',
  queues: 'Job types',
  runs: 'Runs',
  name: 'Job',
  state: 'State',
  progress: 'Progress',
  attempts: 'Attempts',
  attemptsValue: '{{attempts}} of {{max}}',
  startedBy: 'Started by',
  system: 'System',
  createdAt: 'Created',
  startedAt: 'Started',
  finishedAt: 'Finished',
  duration: 'Duration',
  error: 'Error',
  result: 'Result',
  schedule: 'Schedule',
  scheduleValue: '{{cron}} ({{tz}})',
  noSchedule: 'On demand',
  counts: {
    queued: 'Queued',
    active: 'Running',
    failed: 'Failed',
    completed: 'Done',
  },
  allNames: 'All jobs',
  allStates: 'All states',
  onlyFailed: 'Failures only',
  retry: 'Retry',
  retryConfirm: 'Run “{{name}}” once more?',
  retried: 'Queued again: {{name}}',
  empty: 'No job runs match',
  queuesEmpty: 'No job types yet',
  details: 'Details',
  states: {
    created: 'Queued',
    retry: 'Waiting to retry',
    active: 'Running',
    completed: 'Done',
    cancelled: 'Cancelled',
    failed: 'Failed',
  },
  names: {
    platform: {
      housekeeping: 'Housekeeping (expired sessions, sign-in records, idempotency keys)',
    },
    grading: {
      'regrade-all': 'Regrade all customers',
      'regrade-one': 'Regrade one customer',
    },
    engagement: {
      'recompute-follow-ups': "Recompute every customer's follow-up due date",
      reminders: 'Follow-up and task reminders',
    },
    outbox: {
      deliver: 'Send e-mail notifications',
    },
    service: {
      'sla-watch': 'Ticket SLA warnings and breach escalation',
    },
    surveys: {
      scheduled: 'Scheduled satisfaction surveys',
    },
    pool: {
      recycle: 'Public pool recycling (with advance warnings)',
    },
  },
};

export default jobsEnUS;
