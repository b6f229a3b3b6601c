import { regionTree } from '@weixi/domain';
import {
  createCustomFieldRequestSchema,
  createSavedViewRequestSchema,
  customerSettingsSchema,
  customFieldDefinitionSchema,
  customFieldListSchema,
  idParamsSchema,
  savedViewListSchema,
  savedViewSchema,
  updateCustomerSettingsRequestSchema,
  updateCustomFieldRequestSchema,
  updateSavedViewRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { requireActor } from '../../http/context';
import { withIdempotency } from '../../http/idempotency';
import { noContent, problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createCustomField, listCustomFields, updateCustomField } from './use-cases/custom-fields';
import { getCustomerSettings, updateCustomerSettings } from './use-cases/customer-settings';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './use-cases/saved-views';

interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[] | undefined;
}
const regionSchema: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({ code: z.string(), name: z.string(), children: z.array(regionSchema).optional() }),
);
const entityQuery = z.strictObject({ entity: z.enum(['customer', 'contact']).default('customer') });

export async function customerAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['reference'],
        summary: 'Administrative divisions (GB/T 2260): province → city → district',
        response: { 200: z.array(regionSchema), ...problems(401) },
      },
    },
    async (req, reply) => {
      requireActor(req);
      reply.header('cache-control', 'private, max-age=86400');
      return regionTree as RegionNode[];
    },
  );

  r.get(
    '/api/v1/custom-fields',
    {
      schema: {
        tags: ['custom fields'],
        summary: 'Custom field definitions',
        querystring: entityQuery,
        response: { 200: customFieldListSchema, ...problems(400, 401) },
      },
    },
    async (req) => listCustomFields(readCtx(req), req.query.entity),
  );

  r.post(
    '/api/v1/custom-fields',
    {
      schema: {
        tags: ['custom fields'],
        summary: 'Define a custom field (admin)',
        body: createCustomFieldRequestSchema,
        response: { 201: customFieldDefinitionSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) =>
      withIdempotency(req, reply, 201, () => inTransaction(req, (ctx) => createCustomField(ctx, req.body))),
  );

  r.patch(
    '/api/v1/custom-fields/:id',
    {
      schema: {
        tags: ['custom fields'],
        summary: 'Relabel, reorder, change options, require or retire a custom field (admin)',
        params: idParamsSchema,
        body: updateCustomFieldRequestSchema,
        response: { 200: customFieldDefinitionSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const f = await inTransaction(req, (ctx) => updateCustomField(ctx, req.params.id, version, req.body));
      setEtag(reply, f.version);
      return f;
    },
  );

  r.get(
    '/api/v1/customers/settings',
    {
      schema: {
        tags: ['customers'],
        summary: 'Archive settings',
        response: { 200: customerSettingsSchema, ...problems(401) },
      },
    },
    async (req) => getCustomerSettings(readCtx(req)),
  );

  r.patch(
    '/api/v1/customers/settings',
    {
      schema: {
        tags: ['customers'],
        summary: 'Change archive settings: verification interval, import upload limit (admin)',
        body: updateCustomerSettingsRequestSchema,
        response: { 200: customerSettingsSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => inTransaction(req, (ctx) => updateCustomerSettings(ctx, req.body)),
  );

  const viewParams = z.strictObject({ entity: z.enum(['customer']) });
  const viewIdParams = viewParams.extend({ id: idParamsSchema.shape.id });

  r.get(
    '/api/v1/views/:entity',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Your saved list views',
        params: viewParams,
        response: { 200: savedViewListSchema, ...problems(400, 401) },
      },
    },
    async (req) => listSavedViews(readCtx(req), req.params.entity),
  );

  r.post(
    '/api/v1/views/:entity',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Save the current filters, sort and columns as a view',
        params: viewParams,
        body: createSavedViewRequestSchema,
        response: { 201: savedViewSchema, ...problems(400, 401, 409) },
      },
    },
    async (req, reply) =>
      withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createSavedView(ctx, req.params.entity, req.body)),
      ),
  );

  r.patch(
    '/api/v1/views/:entity/:id',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Rename or change a saved view',
        params: viewIdParams,
        body: updateSavedViewRequestSchema,
        response: { 200: savedViewSchema, ...problems(400, 401, 404, 409, 428) },
      },
    },
    async (req) => {
      const version = expectedVersion(req, req.body.version);
      return inTransaction(req, (ctx) => updateSavedView(ctx, req.params.id, version, req.body));
    },
  );

  r.delete(
    '/api/v1/views/:entity/:id',
    {
      schema: {
        tags: ['saved views'],
        summary: 'Delete a saved view',
        params: viewIdParams,
        response: { ...noContent, ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await inTransaction(req, (ctx) => deleteSavedView(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
}
