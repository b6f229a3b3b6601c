import { idParamsSchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { inlineDisposition } from './card/card-file';
import { cardLangs } from './card/card-labels';
import { cardLayouts } from './card/card-layout';
import { printCard } from './use-cases/print-card';

const tags = ['customers'];

// Not strict: a browser link may carry cache-busting or tracking parameters, and refusing those
// would break a printout for no reason. The two parameters that matter are checked.
const cardQuerySchema = z.object({
  layout: z.enum(cardLayouts).optional().describe('Default: key for key customers (category key or grade A)'),
  lang: z.enum(cardLangs).optional().describe("Default: the user's interface language"),
});

export async function customerCardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/customers/:id/card.pdf',
    {
      schema: {
        tags,
        summary: 'Relationship card (客户关系卡): one A4 page of the customer and its key contacts, as PDF',
        description:
          'Shows exactly what the customer detail shows you: phone numbers and e-mail are masked for ' +
          'roles that see them masked. Served inline (Content-Type application/pdf) for printing.',
        params: idParamsSchema,
        querystring: cardQuerySchema,
        response: {
          200: z.unknown().describe('The card, Content-Type application/pdf'),
          ...problems(400, 401, 404),
        },
      },
    },
    async (req, reply) => {
      const card = await printCard(readCtx(req), { id: req.params.id, ...req.query });
      const asciiName = `relationship-card-${card.layout}.pdf`;
      reply.type('application/pdf');
      reply.header('content-disposition', inlineDisposition(card.fileName, asciiName));
      // Personal data: no shared or browser cache keeps a copy after the tab is closed.
      reply.header('cache-control', 'private, no-store');
      // The app-wide CSP stays: Chromium 156's PDF viewer shows the card under it (checked by hand;
      // very old Chrome versions were blocked by object-src 'none').
      return reply.send(card.pdf);
    },
  );
}
