import {
  auditPageSchema,
  checkDuplicatesRequestSchema,
  createCustomerRequestSchema,
  customerDetailSchema,
  customerPageSchema,
  duplicateGroupPageSchema,
  duplicateListSchema,
  idParamsSchema,
  invalidateCustomerRequestSchema,
  listCustomersQuerySchema,
  mergeCustomersRequestSchema,
  pageQuerySchema,
  updateCustomerRequestSchema,
  versionOnlyRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { presentedOn200, problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { changeCustomerStatus } from './use-cases/change-customer-status';
import { createCustomer } from './use-cases/create-customer';
import { customerHistory } from './use-cases/customer-history';
import { findDuplicates } from './use-cases/find-duplicates';
import { getCustomer } from './use-cases/get-customer';
import { listCustomers } from './use-cases/list-customers';
import { mergeCustomers } from './use-cases/merge-customers';
import { scanDuplicates } from './use-cases/scan-duplicates';
import { unmaskCustomer } from './use-cases/unmask-customer';
import { updateCustomer } from './use-cases/update-customer';

const tags = ['customers'];

export async function customerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/customers',
    {
      schema: {
        tags,
        summary: 'List and search customers in your scope (keyset pages)',
        querystring: listCustomersQuerySchema,
        response: { 200: customerPageSchema, ...problems(400, 401) },
      },
      serializerCompiler: presentedOn200,
    },
    async (req) => listCustomers(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer (with contacts); 409 duplicate_suspected lists likely duplicates',
        body: createCustomerRequestSchema,
        response: { 201: customerDetailSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const c = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createCustomer(ctx, req.body)),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  r.post(
    '/api/v1/customers/duplicates/check',
    {
      schema: {
        tags,
        summary: 'Likely duplicates of values being typed (查重)',
        body: checkDuplicatesRequestSchema,
        response: { 200: duplicateListSchema, ...problems(400, 401) },
      },
    },
    async (req) => ({
      matches: await findDuplicates(
        readCtx(req),
        {
          name: req.body.name,
          creditCode: req.body.creditCode,
          phones: [req.body.phone, ...(req.body.contactPhones ?? [])],
        },
        req.body.excludeId ? [req.body.excludeId] : [],
      ),
    }),
  );

  r.get(
    '/api/v1/customers/duplicates',
    {
      schema: {
        tags,
        summary: 'Whole-archive duplicate groups (managers)',
        querystring: pageQuerySchema,
        response: { 200: duplicateGroupPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => scanDuplicates(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/customers/merge',
    {
      schema: {
        tags,
        summary: 'Merge one customer into another (managers); references move, history kept',
        body: mergeCustomersRequestSchema,
        response: { 200: customerDetailSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const c = await inTransaction(req, (ctx) => mergeCustomers(ctx, req.body));
      setEtag(reply, c.version);
      return c;
    },
  );

  r.get(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        summary: 'One customer with its contacts',
        params: idParamsSchema,
        response: { 200: customerDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const c = await getCustomer(readCtx(req), req.params.id);
      setEtag(reply, c.version);
      return c;
    },
  );

  r.patch(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        summary: 'Update a customer; needs If-Match or version',
        params: idParamsSchema,
        body: updateCustomerRequestSchema,
        response: { 200: customerDetailSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const c = await inTransaction(req, (ctx) => updateCustomer(ctx, req.params.id, version, req.body));
      setEtag(reply, c.version);
      return c;
    },
  );

  for (const kind of ['verify', 'restore'] as const) {
    r.post(
      `/api/v1/customers/:id/${kind}`,
      {
        schema: {
          tags,
          summary:
            kind === 'verify'
              ? 'Mark the record verified (核实) now, by you'
              : 'Restore an invalidated customer',
          params: idParamsSchema,
          body: versionOnlyRequestSchema,
          response: { 200: customerDetailSchema, ...problems(400, 401, 403, 404, 409, 428) },
        },
      },
      async (req, reply) => {
        const version = expectedVersion(req, req.body.version);
        const c = await inTransaction(req, (ctx) =>
          changeCustomerStatus(ctx, req.params.id, version, { kind }),
        );
        setEtag(reply, c.version);
        return c;
      },
    );
  }

  r.post(
    '/api/v1/customers/:id/invalidate',
    {
      schema: {
        tags,
        summary: 'Invalidate (注销) with a reason: leaves work lists, stays searchable',
        params: idParamsSchema,
        body: invalidateCustomerRequestSchema,
        response: { 200: customerDetailSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const c = await inTransaction(req, (ctx) =>
        changeCustomerStatus(ctx, req.params.id, version, { kind: 'invalidate', reason: req.body.reason }),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  r.post(
    '/api/v1/customers/:id/unmask',
    {
      schema: {
        tags,
        summary: 'Reveal masked phone numbers and e-mail (audited)',
        params: idParamsSchema,
        response: {
          200: z.object({
            phone: z.string(),
            email: z.string(),
            wechat: z.string(),
            contacts: z.array(
              z.object({ id: z.string(), phone: z.string(), email: z.string(), wechat: z.string() }),
            ),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => inTransaction(req, (ctx) => unmaskCustomer(ctx, req.params.id)),
  );

  r.get(
    '/api/v1/customers/:id/history',
    {
      schema: {
        tags,
        summary: 'Changes to the customer and its contacts, newest first',
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: auditPageSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => customerHistory(readCtx(req), req.params.id, req.query),
  );
}
