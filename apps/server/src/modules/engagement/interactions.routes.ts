import {
  createInteractionRequestSchema,
  idParamsSchema,
  interactionPageSchema,
  interactionSchema,
  listInteractionsQuerySchema,
  updateInteractionRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { noContent, problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { deleteInteraction } from './use-cases/delete-interaction';
import { getInteraction } from './use-cases/get-interaction';
import { listInteractions } from './use-cases/list-interactions';
import { logInteraction } from './use-cases/log-interaction';
import { updateInteraction } from './use-cases/update-interaction';

const tags = ['interactions'];

/** A DELETE has no body: the version comes from If-Match or from `?version=`. */
const deleteQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

/** Interactions (沟通记录). Attachments are in platform/attachments; the timeline in timeline.routes.ts. */
export async function interactionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/interactions',
    {
      schema: {
        tags,
        summary:
          'Log an interaction with an active customer you may read; updates its follow-up due date; optionally makes the next step a task',
        body: createInteractionRequestSchema,
        response: { 201: interactionSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const interaction = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => logInteraction(ctx, req.body)),
      );
      setEtag(reply, interaction.version);
      return interaction;
    },
  );

  r.get(
    '/api/v1/interactions',
    {
      schema: {
        tags,
        summary:
          'Interactions of the customers you may read, newest first; by customer, logger, channel, dates',
        querystring: listInteractionsQuerySchema,
        response: { 200: interactionPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listInteractions(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        summary: 'One interaction with its participants and attachments',
        params: idParamsSchema,
        response: { 200: interactionSchema, ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const interaction = await getInteraction(readCtx(req), req.params.id);
      setEtag(reply, interaction.version);
      return interaction;
    },
  );

  r.patch(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        summary: 'Correct an interaction (who logged it, or a manager); needs If-Match or version',
        params: idParamsSchema,
        body: updateInteractionRequestSchema,
        response: { 200: interactionSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _v, ...changes } = req.body;
      const interaction = await inTransaction(req, (ctx) =>
        updateInteraction(ctx, req.params.id, version, changes),
      );
      setEtag(reply, interaction.version);
      return interaction;
    },
  );

  r.delete(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        summary:
          'Delete an interaction (who logged it, or an administrator); not a visit report’s; needs If-Match or ?version=',
        params: idParamsSchema,
        querystring: deleteQuerySchema,
        response: { ...noContent, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.query.version);
      await inTransaction(req, (ctx) => deleteInteraction(ctx, req.params.id, version));
      return reply.status(204).send(null);
    },
  );
}
