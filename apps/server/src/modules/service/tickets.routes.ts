import {
  addTicketEventRequestSchema,
  createTicketRequestSchema,
  idParamsSchema,
  listTicketsQuerySchema,
  ticketEventListSchema,
  ticketEventSchema,
  ticketPageSchema,
  ticketResumeRequestSchema,
  ticketSchema,
  ticketStageRequestSchema,
  ticketTransitionRequestSchema,
  ticketWaitRequestSchema,
  updateTicketRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { addTicketEvent } from './use-cases/add-ticket-event';
import { advanceTicketStage } from './use-cases/advance-ticket-stage';
import { createTicket } from './use-cases/create-ticket';
import { getTicket } from './use-cases/get-ticket';
import { listTicketEvents } from './use-cases/list-ticket-events';
import { listTickets } from './use-cases/list-tickets';
import { resumeTicket } from './use-cases/resume-ticket';
import { transitionTicket } from './use-cases/transition-ticket';
import { updateTicket } from './use-cases/update-ticket';
import { waitOnCustomer } from './use-cases/wait-on-customer';

const tags = ['tickets'];
const changeProblems = problems(400, 401, 403, 404, 409, 422, 428);

/** Service tickets (投诉 / 售后工单): the queue, one ticket with its SLA timers, its flow and history. */
export async function ticketRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Open a ticket for a customer in your scope; SLA targets and deadlines are fixed now',
        body: createTicketRequestSchema,
        response: { 201: ticketSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const ticket = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createTicket(ctx, req.body)),
      );
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'The ticket queue: mine, my team’s (managers) or all I may see; soonest deadline first',
        querystring: listTicketsQuerySchema,
        response: { 200: ticketPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listTickets(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: 'One ticket with its SLA timers as of now, its pauses and the actions allowed next',
        params: idParamsSchema,
        response: { 200: ticketSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const ticket = await getTicket(readCtx(req), req.params.id);
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary:
          'Change subject, description, category, priority, importance, owner or contact; needs If-Match or version',
        params: idParamsSchema,
        body: updateTicketRequestSchema,
        response: { 200: ticketSchema, ...changeProblems },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _v, ...changes } = req.body;
      const ticket = await inTransaction(req, (ctx) => updateTicket(ctx, req.params.id, version, changes));
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.post(
    '/api/v1/tickets/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'acknowledge, start, resolve, close (a complaint with its root cause) or reopen (with a reason)',
        params: idParamsSchema,
        body: ticketTransitionRequestSchema,
        response: { 200: ticketSchema, ...changeProblems },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _v, ...input } = req.body;
      const ticket = await inTransaction(req, (ctx) => transitionTicket(ctx, req.params.id, version, input));
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.post(
    '/api/v1/tickets/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move the service process on (confirm need → agree plan → deliver → collect feedback)',
        params: idParamsSchema,
        body: ticketStageRequestSchema,
        response: { 200: ticketSchema, ...changeProblems },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const ticket = await inTransaction(req, (ctx) =>
        advanceTicketStage(ctx, req.params.id, version, req.body.stage),
      );
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.post(
    '/api/v1/tickets/:id/wait',
    {
      schema: {
        tags,
        summary: 'Wait on the customer: the SLA clocks stop until the ticket is resumed',
        params: idParamsSchema,
        body: ticketWaitRequestSchema,
        response: { 200: ticketSchema, ...changeProblems },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const ticket = await inTransaction(req, (ctx) =>
        waitOnCustomer(ctx, req.params.id, version, req.body.reason),
      );
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.post(
    '/api/v1/tickets/:id/resume',
    {
      schema: {
        tags,
        summary: 'The customer answered: the clocks run again, deadlines moved by the wait',
        params: idParamsSchema,
        body: ticketResumeRequestSchema,
        response: { 200: ticketSchema, ...changeProblems },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const ticket = await inTransaction(req, (ctx) => resumeTicket(ctx, req.params.id, version));
      setEtag(reply, ticket.version);
      return ticket;
    },
  );

  r.get(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags,
        summary: 'The ticket’s history, oldest first: changes, internal notes and replies to the customer',
        params: idParamsSchema,
        response: { 200: ticketEventListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => listTicketEvents(readCtx(req), req.params.id),
  );

  r.post(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags,
        summary: 'Add an internal note or a reply to the customer (optionally e-mailed through the outbox)',
        params: idParamsSchema,
        body: addTicketEventRequestSchema,
        response: { 201: ticketEventSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return inTransaction(req, (ctx) => addTicketEvent(ctx, req.params.id, req.body));
    },
  );
}
