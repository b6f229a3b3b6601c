import {
  customerOwnershipSchema,
  idParamsSchema,
  keyCustomerListSchema,
  keyCustomerRequestSchema,
  keyCustomersQuerySchema,
  ownershipHistoryPageSchema,
  ownershipHistoryQuerySchema,
  transferRequestSchema,
  transferResultSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { customerOwnership, ownershipHistory } from './use-cases/customer-ownership';
import { addKeyCustomer, keyCustomers, removeKeyCustomer } from './use-cases/key-customers';
import { transferCustomers } from './use-cases/transfer-customers';

const tags = ['ownership'];

/** Owners, transfers, ownership history and executives' key customers. The pool is in pool.routes.ts. */
export async function ownershipRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/ownership/transfers',
    {
      schema: {
        tags,
        summary:
          'Transfer 1–500 customers to another owner with a reason (managers, within their department); all or nothing',
        body: transferRequestSchema,
        response: { 200: transferResultSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => transferCustomers(ctx, req.body)),
  );

  r.get(
    '/api/v1/customers/:id/ownership',
    {
      schema: {
        tags,
        summary: 'Owner, executive sponsor, last interaction and when the customer would return to the pool',
        params: idParamsSchema,
        response: { 200: customerOwnershipSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => customerOwnership(readCtx(req), req.params.id),
  );

  r.get(
    '/api/v1/customers/:id/ownership/history',
    {
      schema: {
        tags,
        summary: 'Changes of owner (create, transfer, claim, release, recycle, merge), newest first',
        params: idParamsSchema,
        querystring: ownershipHistoryQuerySchema,
        response: { 200: ownershipHistoryPageSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => ownershipHistory(readCtx(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/ownership/key-customers',
    {
      schema: {
        tags,
        summary: "An executive's key customers (我的重点客户; yours by default) with the 3–5 standing",
        querystring: keyCustomersQuerySchema,
        response: { 200: keyCustomerListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => keyCustomers(readCtx(req), req.query.executiveId),
  );

  r.post(
    '/api/v1/ownership/key-customers',
    {
      schema: {
        tags,
        summary: 'Flag a customer as one of your key customers (executives); a 6th is refused',
        body: keyCustomerRequestSchema,
        response: { 200: keyCustomerListSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => addKeyCustomer(ctx, req.body.customerId)),
  );

  r.delete(
    '/api/v1/ownership/key-customers/:id',
    {
      schema: {
        tags,
        summary: 'Unflag a key customer (the executive who holds it, or an administrator)',
        params: z.strictObject({ id: idParamsSchema.shape.id }),
        response: { 200: keyCustomerListSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => removeKeyCustomer(ctx, req.params.id)),
  );
}
