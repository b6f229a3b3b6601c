import { z } from 'zod';
import { limits } from './limits';

export const cursorSchema = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'cursor must be an opaque value returned by a previous page');

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: cursorSchema.optional(),
});

/** Keyset page: `nextCursor` is null on the last page; `total` counts all matching rows. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
  });
}
