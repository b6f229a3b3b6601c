import {
  createSurveyScheduleRequestSchema,
  idParamsSchema,
  surveyScheduleListSchema,
  surveyScheduleSchema,
  updateSurveyScheduleRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import {
  createSurveySchedule,
  getSurveySchedule,
  listSurveySchedules,
  updateSurveySchedule,
} from './use-cases/survey-schedules';

const tags = ['surveys'];

/** Survey schedules (administrators): who gets which survey, how often; sent by the job surveys.scheduled. */
export async function surveyScheduleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/survey-schedules',
    {
      schema: {
        tags,
        summary: 'Survey schedules, active first by next run date',
        response: { 200: surveyScheduleListSchema, ...problems(401, 403) },
      },
    },
    async (req) => listSurveySchedules(readCtx(req)),
  );

  r.post(
    '/api/v1/survey-schedules',
    {
      schema: {
        tags,
        summary:
          'Schedule a survey: audience (grades, categories and/or customers), first run date, every N days',
        body: createSurveyScheduleRequestSchema,
        response: { 201: surveyScheduleSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const schedule = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createSurveySchedule(ctx, req.body)),
      );
      setEtag(reply, schedule.version);
      return schedule;
    },
  );

  r.get(
    '/api/v1/survey-schedules/:id',
    {
      schema: {
        tags,
        summary: 'One survey schedule',
        params: idParamsSchema,
        response: { 200: surveyScheduleSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const schedule = await getSurveySchedule(readCtx(req), req.params.id);
      setEtag(reply, schedule.version);
      return schedule;
    },
  );

  r.patch(
    '/api/v1/survey-schedules/:id',
    {
      schema: {
        tags,
        summary: 'Change a survey schedule (pause it with active: false); If-Match or version',
        params: idParamsSchema,
        body: updateSurveyScheduleRequestSchema,
        response: { 200: surveyScheduleSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _, ...changes } = req.body;
      const schedule = await inTransaction(req, (ctx) =>
        updateSurveySchedule(ctx, req.params.id, version, changes),
      );
      setEtag(reply, schedule.version);
      return schedule;
    },
  );
}
