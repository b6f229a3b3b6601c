import {
  createRootCauseRequestSchema,
  createTicketCategoryRequestSchema,
  idParamsSchema,
  listServiceListQuerySchema,
  serviceListItemSchema,
  serviceListSchema,
  updateRootCauseRequestSchema,
  updateTicketCategoryRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createServiceListEntry } from './use-cases/create-service-list-entry';
import { listServiceList } from './use-cases/list-service-list';
import { updateServiceListEntry } from './use-cases/update-service-list-entry';

const lists = [
  {
    table: 'ticket_category',
    path: '/api/v1/service/categories',
    noun: 'ticket category',
    tags: ['ticket categories'],
    create: createTicketCategoryRequestSchema,
    update: updateTicketCategoryRequestSchema,
  },
  {
    table: 'root_cause',
    path: '/api/v1/service/root-causes',
    noun: 'root cause',
    tags: ['root causes'],
    create: createRootCauseRequestSchema,
    update: updateRootCauseRequestSchema,
  },
] as const;

/** The managed lists tickets pick from: categories (产品质量, 物流…) and root causes (根本原因). */
export async function serviceListRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const list of lists) {
    const { table, path, noun, tags } = list;
    r.get(
      path,
      {
        schema: {
          tags,
          summary: `Every ${noun} in the administrator's order (active ones unless includeInactive)`,
          querystring: listServiceListQuerySchema,
          response: { 200: serviceListSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => listServiceList(readCtx(req), table, req.query),
    );

    r.post(
      path,
      {
        schema: {
          tags,
          summary: `Add a ${noun} (admin); names are unique whatever their case (409 on name)`,
          body: list.create,
          response: { 201: serviceListItemSchema, ...problems(400, 401, 403, 409, 422) },
        },
      },
      async (req, reply) => {
        const item = await withIdempotency(req, reply, 201, () =>
          inTransaction(req, (ctx) => createServiceListEntry(ctx, table, req.body)),
        );
        setEtag(reply, item.version);
        return item;
      },
    );

    r.patch(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `Rename, describe, reorder or (de)activate a ${noun} (admin; never deleted). Needs If-Match or version`,
          params: idParamsSchema,
          body: list.update,
          response: { 200: serviceListItemSchema, ...problems(400, 401, 403, 404, 409, 428) },
        },
      },
      async (req, reply) => {
        const version = expectedVersion(req, req.body.version);
        const { version: _, ...changes } = req.body;
        const item = await inTransaction(req, (ctx) =>
          updateServiceListEntry(ctx, table, req.params.id, version, changes),
        );
        setEtag(reply, item.version);
        return item;
      },
    );
  }
}
