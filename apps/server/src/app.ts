import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { DB, Engine } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import { limits } from '@weixi/shared';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from './config';
import { registerAuth } from './http/auth';
import { registerErrorHandler } from './http/error-handler';
import { registerSecurityHeaders } from './http/security-headers';
import { contactRoutes } from './modules/customers/contacts.routes';
import { customerAdminRoutes } from './modules/customers/customer-admin.routes';
import { customerCardRoutes } from './modules/customers/customer-card.routes';
import { customerExportRoutes } from './modules/customers/customer-export.routes';
import { customerImportRoutes } from './modules/customers/customer-import.routes';
import { customerRoutes } from './modules/customers/customers.routes';
import { followUpRoutes } from './modules/engagement/follow-ups.routes';
import { interactionRoutes } from './modules/engagement/interactions.routes';
import { engagementSettingsRoutes } from './modules/engagement/settings.routes';
import { taskRoutes } from './modules/engagement/tasks.routes';
import { timelineRoutes } from './modules/engagement/timeline.routes';
import { visitRoutes } from './modules/engagement/visits.routes';
import { workbenchRoutes } from './modules/engagement/workbench.routes';
import { gradingRoutes } from './modules/grading/grading.routes';
import { departmentRoutes } from './modules/identity/departments.routes';
import { identityRoutes } from './modules/identity/identity.routes';
import { userRoutes } from './modules/identity/users.routes';
import { catalogRoutes } from './modules/loyalty/catalog.routes';
import { orderImportRoutes } from './modules/loyalty/order-import.routes';
import { orderRoutes } from './modules/loyalty/orders.routes';
import { ownershipRoutes } from './modules/ownership/ownership.routes';
import { poolRoutes } from './modules/ownership/pool.routes';
import { attachmentRoutes } from './modules/platform/attachments/attachments.routes';
import { auditRoutes } from './modules/platform/audit.routes';
import { jobCatalog } from './modules/platform/jobs/catalog';
import { JobQueue } from './modules/platform/jobs/job-queue';
import { jobRoutes } from './modules/platform/jobs/jobs.routes';
import { closeMailers } from './modules/platform/mailer';
import { notificationPreferenceRoutes } from './modules/platform/notification-preferences.routes';
import { notificationRoutes } from './modules/platform/notifications.routes';
import { outboxRoutes } from './modules/platform/outbox.routes';
import { systemRoutes } from './modules/platform/system.routes';
import { serviceFiguresRoutes } from './modules/service/figures.routes';
import { serviceListRoutes } from './modules/service/lists.routes';
import { replyTemplateRoutes } from './modules/service/reply-templates.routes';
import { serviceSettingsRoutes } from './modules/service/settings.routes';
import { surveyPublicRoutes } from './modules/service/survey-public.routes';
import { surveyScheduleRoutes } from './modules/service/survey-schedules.routes';
import { surveyRoutes } from './modules/service/surveys.routes';
import { ticketRoutes } from './modules/service/tickets.routes';
import { appVersion } from './version';

export interface AppOptions {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built web app; served at / when it exists. */
  webDist?: string | null;
  /** The process's started job queue (server.ts, the test harness); without one, a send-only queue. */
  jobs?: JobQueue;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyBytesMax,
    trustProxy: options.config.TRUST_PROXY,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    ajv: undefined,
  });
  app.decorate('deps', {
    db: options.db,
    engine: options.engine,
    config: options.config,
    clock: options.clock,
  });
  if (options.jobs) app.decorate('jobs', options.jobs);
  else {
    const jobs = new JobQueue({
      db: options.db,
      clock: options.clock,
      config: options.config,
      logger: app.log,
      work: false,
      definitions: jobCatalog,
    });
    app.decorate('jobs', jobs);
    app.addHook('onReady', () => jobs.start());
    app.addHook('onClose', () => jobs.stop());
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects runtime styles; swagger-ui needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Weixi API',
        version: appVersion,
        description:
          'Customer-relationship maintenance. Errors are RFC 9457 problem+json with a stable `code`. ' +
          'Authenticate with the session cookie (send X-CSRF-Token on unsafe requests) or `Authorization: Bearer <api token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'weixi_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuth(app);
  await app.register(systemRoutes);
  await app.register(identityRoutes);
  await app.register(userRoutes);
  await app.register(departmentRoutes);
  await app.register(auditRoutes);
  await app.register(jobRoutes);
  await app.register(notificationRoutes);
  await app.register(customerAdminRoutes);
  await app.register(customerRoutes);
  await app.register(customerCardRoutes);
  await app.register(customerImportRoutes);
  await app.register(customerExportRoutes);
  await app.register(contactRoutes);
  await app.register(catalogRoutes);
  await app.register(orderRoutes);
  await app.register(orderImportRoutes);
  await app.register(ownershipRoutes);
  await app.register(poolRoutes);
  await app.register(gradingRoutes);
  await app.register(timelineRoutes);
  await app.register(ticketRoutes);
  await app.register(followUpRoutes);
  await app.register(engagementSettingsRoutes);
  await app.register(workbenchRoutes);
  await app.register(notificationPreferenceRoutes);
  await app.register(outboxRoutes);
  // Pooled SMTP connections would keep a stopping process alive.
  app.addHook('onClose', async () => closeMailers());
  await app.register(interactionRoutes);
  await app.register(taskRoutes);
  await app.register(visitRoutes);
  await app.register(attachmentRoutes);
  await app.register(surveyRoutes);
  await app.register(surveyScheduleRoutes);
  await app.register(surveyPublicRoutes);
  await app.register(serviceSettingsRoutes);
  await app.register(serviceListRoutes);
  await app.register(replyTemplateRoutes);
  await app.register(serviceFiguresRoutes);

  const webDist = options.webDist ?? null;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, maxAge: '1h', index: false });
    // Client-side routes (/customers/123) get the SPA shell; unknown /api paths stay 404 problems.
    app.get('/*', async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      const file = req.url.split('?')[0]!.slice(1);
      if (file && existsSync(path.join(webDist, file))) return reply.sendFile(file);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
