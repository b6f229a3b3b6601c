import { problemSchema } from '@weixi/shared';
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Declares problem+json responses in OpenAPI for the statuses a route can return. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<number, typeof problemSchema>;
}

/** 204 No Content, declared so typed handlers may send it. */
export const noContent = { 204: z.null().describe('No content') };

type SerializerCompiler = (
  route: Parameters<FastifySchemaCompiler<unknown>>[0] & { httpStatus?: string },
) => (data: unknown) => string;

/**
 * For hot read routes whose 200 body is built field by field by a presenter typed by the same
 * schema: parsing it again with zod only re-checks the presenter, ~0.3 ms of CPU per 50-row page,
 * a tenth of the request (bench/RESULTS.md). Tests hold each such route's body equal to its schema's
 * parse of it (nothing extra leaves the server). Problem responses keep the zod serializer.
 */
export const presentedOn200: SerializerCompiler = (route) =>
  route.httpStatus === '200'
    ? (data: unknown) => JSON.stringify(data)
    : // Fastify passes each status's own schema here; its types describe the whole route's.
      serializerCompiler(route as unknown as Parameters<typeof serializerCompiler>[0]);
