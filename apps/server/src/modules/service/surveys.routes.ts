import {
  createSurveyInvitationRequestSchema,
  createSurveyInvitationResponseSchema,
  createSurveyRequestSchema,
  idParamsSchema,
  listSurveyResponsesQuerySchema,
  listSurveysQuerySchema,
  surveyListSchema,
  surveyResponsePageSchema,
  surveyResultsQuerySchema,
  surveyResultsSchema,
  surveySchema,
  surveyVersionRequestSchema,
  ticketSurveyInvitationsSchema,
  updateSurveyRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { requireActor } from '../../http/context';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { surveySecret } from './survey-secret';
import { activateSurvey } from './use-cases/activate-survey';
import { archiveSurvey } from './use-cases/archive-survey';
import { createSurvey } from './use-cases/create-survey';
import { getSurvey } from './use-cases/get-survey';
import { inviteToSurvey } from './use-cases/invite-to-survey';
import { listSurveyResponses } from './use-cases/list-survey-responses';
import { listSurveys } from './use-cases/list-surveys';
import { listTicketSurveyInvitations } from './use-cases/list-ticket-invitations';
import { surveyResults } from './use-cases/survey-results';
import { updateSurvey } from './use-cases/update-survey';

const tags = ['surveys'];

/** The link-signing secret, read through the pool (committed, then cached for the process). */
const secretOf = (req: FastifyRequest) =>
  surveySecret({ db: req.server.deps.db, config: req.server.deps.config }, true);

/** Satisfaction surveys (满意度调查): the builder, sending, results. The customer's page is survey-public.routes.ts. */
export async function surveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/surveys',
    {
      schema: {
        tags,
        summary: 'Surveys, most recently changed first (those who send surveys pick an active one)',
        querystring: listSurveysQuerySchema,
        response: { 200: surveyListSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listSurveys(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/surveys',
    {
      schema: {
        tags,
        summary: 'Create a draft survey (administrators); issues by field, e.g. questions.2.label',
        body: createSurveyRequestSchema,
        response: { 201: surveySchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const survey = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createSurvey(ctx, req.body)),
      );
      setEtag(reply, survey.version);
      return survey;
    },
  );

  r.get(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags,
        summary: 'One survey with its questions',
        params: idParamsSchema,
        response: { 200: surveySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const survey = await getSurvey(readCtx(req), req.params.id);
      setEtag(reply, survey.version);
      return survey;
    },
  );

  r.patch(
    '/api/v1/surveys/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a survey: questions while it is a draft, title and intro while active; If-Match or version',
        params: idParamsSchema,
        body: updateSurveyRequestSchema,
        response: { 200: surveySchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _, ...changes } = req.body;
      const survey = await inTransaction(req, (ctx) => updateSurvey(ctx, req.params.id, version, changes));
      setEtag(reply, survey.version);
      return survey;
    },
  );

  for (const [action, run, summary] of [
    ['activate', activateSurvey, 'Start sending a survey; its questions are fixed from then on'],
    ['archive', archiveSurvey, 'Stop sending a survey; links already sent still work until they expire'],
  ] as const) {
    r.post(
      `/api/v1/surveys/:id/${action}`,
      {
        schema: {
          tags,
          summary,
          params: idParamsSchema,
          body: surveyVersionRequestSchema,
          response: { 200: surveySchema, ...problems(400, 401, 403, 404, 409, 428) },
        },
      },
      async (req, reply) => {
        const version = expectedVersion(req, req.body.version);
        const survey = await inTransaction(req, (ctx) => run(ctx, req.params.id, version));
        setEtag(reply, survey.version);
        return survey;
      },
    );
  }

  r.post(
    '/api/v1/surveys/:id/invitations',
    {
      schema: {
        tags,
        summary:
          'Send an active survey to a customer in your scope: by e-mail (contact’s address, else the customer’s) or as a link to hand over',
        params: idParamsSchema,
        body: createSurveyInvitationRequestSchema,
        response: { 201: createSurveyInvitationResponseSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const secret = await secretOf(req);
      return withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => inviteToSurvey(ctx, req.params.id, req.body, secret)),
      );
    },
  );

  r.get(
    '/api/v1/surveys/:id/results',
    {
      schema: {
        tags,
        summary: 'Figures of a survey over business dates: response rate, CSAT %, NPS, answers per question',
        params: idParamsSchema,
        querystring: surveyResultsQuerySchema,
        response: { 200: surveyResultsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => surveyResults(readCtx(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/surveys/:id/responses',
    {
      schema: {
        tags,
        summary: 'A survey’s responses from customers in your scope, newest first (keyset-paged)',
        params: idParamsSchema,
        querystring: listSurveyResponsesQuerySchema,
        response: { 200: surveyResponsePageSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => listSurveyResponses(readCtx(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/tickets/:id/survey-invitations',
    {
      schema: {
        tags,
        summary:
          'The ticket’s survey invitations, newest first, with the link to copy while it can be answered',
        params: idParamsSchema,
        response: { 200: ticketSurveyInvitationsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requireActor(req);
      return listTicketSurveyInvitations(readCtx(req), req.params.id, await secretOf(req));
    },
  );
}
