import { z } from 'zod';
import { uuidSchema } from './common';
import { pageQuerySchema, pageSchema } from './pagination';

export const auditEntrySchema = z.object({
  id: uuidSchema,
  at: z.string(),
  actor: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditQuerySchema = pageQuerySchema.extend({
  entity: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(60).optional(),
  actorId: uuidSchema.optional(),
  action: z.string().trim().max(60).optional(),
});
export const auditPageSchema = pageSchema(auditEntrySchema);
