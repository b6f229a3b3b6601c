import {
  contactListSchema,
  contactSchema,
  createContactRequestSchema,
  updateContactRequestSchema,
  uuidSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { noContent, problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createContact, deleteContact, listContacts, updateContact } from './use-cases/contacts';

const tags = ['contacts'];
const customerParams = z.strictObject({ id: uuidSchema });
const contactParams = z.strictObject({ id: uuidSchema, contactId: uuidSchema });

export async function contactRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/customers/:id/contacts',
    {
      schema: {
        tags,
        summary: "A customer's contacts, key contacts first",
        params: customerParams,
        response: { 200: contactListSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => listContacts(readCtx(req), req.params.id),
  );

  r.post(
    '/api/v1/customers/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact',
        params: customerParams,
        body: createContactRequestSchema,
        response: { 201: contactSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const c = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createContact(ctx, req.params.id, req.body)),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  r.patch(
    '/api/v1/customers/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Update a contact; needs If-Match or version',
        params: contactParams,
        body: updateContactRequestSchema,
        response: { 200: contactSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const c = await inTransaction(req, (ctx) =>
        updateContact(ctx, req.params.id, req.params.contactId, version, req.body),
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  r.delete(
    '/api/v1/customers/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Remove a contact; needs If-Match',
        params: contactParams,
        response: { ...noContent, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, undefined);
      await inTransaction(req, (ctx) => deleteContact(ctx, req.params.id, req.params.contactId, version));
      return reply.status(204).send(null);
    },
  );
}
