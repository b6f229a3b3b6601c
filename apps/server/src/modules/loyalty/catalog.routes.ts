import {
  createProductCategoryRequestSchema,
  createProductRequestSchema,
  idParamsSchema,
  listProductCategoriesQuerySchema,
  listProductsQuerySchema,
  productCategoryListSchema,
  productCategorySchema,
  productPageSchema,
  productSchema,
  updateProductCategoryRequestSchema,
  updateProductRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import {
  createProductCategory,
  listProductCategories,
  updateProductCategory,
} from './use-cases/product-categories';
import { createProduct, listProducts, updateProduct } from './use-cases/products';

const tags = ['product catalog'];

export async function catalogRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/product-categories',
    {
      schema: {
        tags,
        summary: 'Product categories in display order (everyone signed in)',
        querystring: listProductCategoriesQuerySchema,
        response: { 200: productCategoryListSchema, ...problems(400, 401) },
      },
    },
    async (req) => listProductCategories(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/product-categories',
    {
      schema: {
        tags,
        summary: 'Create a product category (administrators and finance)',
        body: createProductCategoryRequestSchema,
        response: { 201: productCategorySchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const c = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createProductCategory(ctx, req.body)),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  r.patch(
    '/api/v1/product-categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename, reorder or retire a category; needs If-Match or version',
        params: idParamsSchema,
        body: updateProductCategoryRequestSchema,
        response: { 200: productCategorySchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const c = await inTransaction(req, (ctx) =>
        updateProductCategory(ctx, req.params.id, version, req.body),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  r.get(
    '/api/v1/products',
    {
      schema: {
        tags,
        summary: 'Products by code (keyset pages); search by code or name, filter by category and active',
        querystring: listProductsQuerySchema,
        response: { 200: productPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listProducts(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/products',
    {
      schema: {
        tags,
        summary: 'Create a product (administrators and finance); codes are unique ignoring case',
        body: createProductRequestSchema,
        response: { 201: productSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const p = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createProduct(ctx, req.body)),
      );
      setEtag(reply, p.version);
      return p;
    },
  );

  r.patch(
    '/api/v1/products/:id',
    {
      schema: {
        tags,
        summary: 'Update a product (retire it with active: false); needs If-Match or version',
        params: idParamsSchema,
        body: updateProductRequestSchema,
        response: { 200: productSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const p = await inTransaction(req, (ctx) => updateProduct(ctx, req.params.id, version, req.body));
      setEtag(reply, p.version);
      return p;
    },
  );
}
