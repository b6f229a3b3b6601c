/** What modules use to define and send background jobs; none of them imports pg-boss. */
export {
  defineJob,
  type JobContext,
  type JobDefinition,
  type JobOptions,
  type JobResult,
} from './define-job';
export { type JobOutcome, JobQueue, type JobSchedule, type SendOptions } from './job-queue';
