import {
  createReplyTemplateRequestSchema,
  idParamsSchema,
  listReplyTemplatesQuerySchema,
  renderedReplySchema,
  renderReplyTemplateRequestSchema,
  replyPlaceholderListSchema,
  replyTemplateListSchema,
  replyTemplateSchema,
  updateReplyTemplateRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createReplyTemplate } from './use-cases/create-reply-template';
import { listReplyPlaceholders, listReplyTemplates } from './use-cases/list-reply-templates';
import { renderReplyTemplate } from './use-cases/render-reply-template';
import { updateReplyTemplate } from './use-cases/update-reply-template';

const tags = ['reply templates'];

/** Standard reply phrases (标准服务用语) with {{placeholders}} filled from the ticket. */
export async function replyTemplateRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/service/reply-templates',
    {
      schema: {
        tags,
        summary: 'Reply templates by title; with categoryId, that category’s and the general ones',
        querystring: listReplyTemplatesQuerySchema,
        response: { 200: replyTemplateListSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listReplyTemplates(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/service/reply-placeholders',
    {
      schema: {
        tags,
        summary: 'The placeholders a template may use, labelled in your language',
        response: { 200: replyPlaceholderListSchema, ...problems(401, 403) },
      },
    },
    async (req) => listReplyPlaceholders(readCtx(req)),
  );

  r.post(
    '/api/v1/service/reply-templates',
    {
      schema: {
        tags,
        summary:
          'Add a reply template (admins, department managers); unknown, empty or unclosed placeholders are named under body',
        body: createReplyTemplateRequestSchema,
        response: { 201: replyTemplateSchema, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const template = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createReplyTemplate(ctx, req.body)),
      );
      setEtag(reply, template.version);
      return template;
    },
  );

  r.patch(
    '/api/v1/service/reply-templates/:id',
    {
      schema: {
        tags,
        summary: 'Change or (de)activate a reply template; needs If-Match or version',
        params: idParamsSchema,
        body: updateReplyTemplateRequestSchema,
        response: { 200: replyTemplateSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _, ...changes } = req.body;
      const template = await inTransaction(req, (ctx) =>
        updateReplyTemplate(ctx, req.params.id, version, changes),
      );
      setEtag(reply, template.version);
      return template;
    },
  );

  r.post(
    '/api/v1/service/reply-templates/:id/render',
    {
      schema: {
        tags,
        summary:
          'Fill a template from a ticket you may see; placeholders without a value stay as written and are listed in missing',
        params: idParamsSchema,
        body: renderReplyTemplateRequestSchema,
        response: { 200: renderedReplySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => renderReplyTemplate(readCtx(req), req.params.id, req.body.ticketId),
  );
}
