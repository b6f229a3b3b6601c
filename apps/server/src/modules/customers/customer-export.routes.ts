import { exportCustomersQuerySchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { contentDisposition } from './customer-import.routes';
import { exportCustomers } from './use-cases/export-customers';

export async function customerExportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/customers/export',
    {
      schema: {
        tags: ['customers'],
        summary:
          'The whole filtered list (every filter of GET /customers) as .xlsx or .csv, streamed; masked like the list',
        querystring: exportCustomersQuerySchema,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        response: { 200: z.unknown().describe('the file'), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { fileName, contentType, body } = await exportCustomers(readCtx(req), req.query);
      reply
        .header('content-type', contentType)
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store');
      return reply.send(body);
    },
  );
}
