import { problemSchema } from '@weixi/shared';
import { z } from 'zod';

/** Declares problem+json responses in OpenAPI for the statuses a route can return. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<number, typeof problemSchema>;
}

/** 204 No Content, declared so typed handlers may send it. */
export const noContent = { 204: z.null().describe('No content') };
