import { z } from 'zod';

export const aboutResponseSchema = z.object({
  name: z.literal('Weixi'),
  version: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  engineVersion: z.string(),
  embedded: z.boolean().describe('True when running on the in-process PGlite database'),
  businessTimeZone: z.string(),
  node: z.string(),
});
export type AboutResponse = z.infer<typeof aboutResponseSchema>;
