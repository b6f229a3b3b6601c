import { errorStatus, type FieldIssue } from '@weixi/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './app-error';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Driver error codes → our codes. Never match on message text: it changes with locale and version. */
const pgCodes: Record<string, { code: keyof typeof errorStatus; message: string }> = {
  '23505': { code: 'already_exists', message: 'A record with the same unique value already exists' },
  '23503': { code: 'conflict', message: 'The record refers to, or is referred to by, another record' },
  '23514': { code: 'validation_failed', message: 'A value is outside its allowed range' },
  '22P02': { code: 'validation_failed', message: 'A value has the wrong format' },
  '40001': { code: 'conflict', message: 'Concurrent update; retry' },
  '40P01': { code: 'conflict', message: 'Concurrent update; retry' },
};

/** Which field a unique index guards, so a duplicate shows beside its form field. */
const uniqueIndexField: Record<string, string> = {
  app_user_email: 'email',
  department_sibling_name: 'name',
};

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
}

function send(reply: FastifyReply, req: FastifyRequest, status: number, body: Record<string, unknown>) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: titles[status] ?? 'Error', status, instance: req.url, ...body });
}

function zodPath(context: string | undefined, instancePath: string): string {
  const p = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (context === 'body' || context === undefined) return p;
  const prefix = context === 'querystring' ? 'query' : context;
  return p ? `${prefix}.${p}` : prefix;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) {
      if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds));
      return send(reply, req, error.status, { code: error.code, detail: error.message, ...error.extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldIssue[] = [];
      for (const v of error.validation) {
        const params = v.params as { keys?: string[] };
        if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
          for (const key of params.keys) {
            const base = zodPath(error.validationContext, v.instancePath);
            errors.push({
              path: base ? `${base}.${key}` : key,
              code: 'unknown_field',
              message: 'unknown field',
            });
          }
        } else {
          errors.push({
            path: zodPath(error.validationContext, v.instancePath),
            code: v.keyword,
            message: v.message ?? 'invalid',
          });
        }
      }
      return send(reply, req, 400, {
        code: 'validation_failed',
        detail: 'The request has invalid fields',
        errors,
      });
    }
    const pg = error as PgLikeError;
    if (typeof pg.code === 'string' && pgCodes[pg.code]) {
      const mapped = pgCodes[pg.code]!;
      const field = typeof pg.constraint === 'string' ? uniqueIndexField[pg.constraint] : undefined;
      const errors = field ? [{ path: field, code: mapped.code, message: mapped.message }] : undefined;
      return send(reply, req, errorStatus[mapped.code], {
        code: mapped.code,
        detail: mapped.message,
        errors,
      });
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error.statusCode === 400 && error instanceof SyntaxError)
    ) {
      return send(reply, req, 400, { code: 'malformed_json', detail: 'The request body is not valid JSON' });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, req, 413, { code: 'payload_too_large', detail: 'The request body is too large' });
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
    ) {
      return send(reply, req, 415, { code: 'unsupported_media_type', detail: 'Send application/json' });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(reply, req, 400, { code: 'malformed_json', detail: 'The request body is empty' });
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, req, error.statusCode, { code: 'bad_request', detail: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    // 5xx bodies never carry internals: the request id is enough to find the log line.
    return send(reply, req, 500, { code: 'internal', detail: `Internal error (request ${req.id})` });
  });

  app.setNotFoundHandler((req, reply) =>
    send(reply, req, 404, {
      code: 'not_found',
      detail: `No route for ${req.method} ${req.url.split('?')[0]}`,
    }),
  );
}
