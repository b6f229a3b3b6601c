import {
  createOrderRequestSchema,
  customerOrderPageSchema,
  customerOrdersQuerySchema,
  idParamsSchema,
  listOrdersQuerySchema,
  orderPageSchema,
  orderSchema,
  updateOrderRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { noContent, problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createOrder } from './use-cases/create-order';
import { customerOrders } from './use-cases/customer-orders';
import { deleteOrder } from './use-cases/delete-order';
import { listOrders } from './use-cases/list-orders';
import { updateOrder } from './use-cases/update-order';

const tags = ['orders'];

export async function orderRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/orders',
    {
      schema: {
        tags,
        summary: 'Record an order line for a customer in your scope; send Idempotency-Key to retry safely',
        body: createOrderRequestSchema,
        response: { 201: orderSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const o = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createOrder(ctx, req.body)),
      );
      setEtag(reply, o.version);
      return o;
    },
  );

  r.get(
    '/api/v1/orders',
    {
      schema: {
        tags,
        summary: 'Orders of the customers you may read (finance: all), filtered and keyset-paged',
        querystring: listOrdersQuerySchema,
        response: { 200: orderPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listOrders(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/customers/:id/orders',
    {
      schema: {
        tags,
        summary: "A customer's orders with totals: count, sum, first and last order, last 12 months",
        params: idParamsSchema,
        querystring: customerOrdersQuerySchema,
        response: { 200: customerOrderPageSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => customerOrders(readCtx(req), req.params.id, req.query),
  );

  r.patch(
    '/api/v1/orders/:id',
    {
      schema: {
        tags,
        summary: 'Correct an order; needs If-Match or version',
        params: idParamsSchema,
        body: updateOrderRequestSchema,
        response: { 200: orderSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const o = await inTransaction(req, (ctx) => updateOrder(ctx, req.params.id, version, req.body));
      setEtag(reply, o.version);
      return o;
    },
  );

  r.delete(
    '/api/v1/orders/:id',
    {
      schema: {
        tags,
        summary: 'Delete an order line (audited with all its values); needs If-Match',
        params: idParamsSchema,
        response: { ...noContent, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, undefined);
      await inTransaction(req, (ctx) => deleteOrder(ctx, req.params.id, version));
      return reply.status(204).send(null);
    },
  );
}
