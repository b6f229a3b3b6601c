import { z } from 'zod';
import { uuidSchema } from './common';
import { pageQuerySchema, pageSchema } from './pagination';

/**
 * A notification's kind is its message key: the web app renders `notifications.kinds.<kind>` with
 * the stored params in the language the reader uses now. Dotted lower-case words, e.g.
 * `ownership.transferred`, `pool.recycle_warning`.
 */
export const notificationKindSchema = z
  .string()
  .max(80)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'dotted lower-case words, e.g. ownership.transferred');

/** Interpolation values of the message: names and numbers as they were when it was sent. */
export const notificationParamsSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  z.union([z.string().max(500), z.number()]),
);
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationSchema = z.object({
  id: uuidSchema,
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** An in-app path (starting with /) to open when the notification is clicked. */
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  actor: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

export const listNotificationsQuerySchema = pageQuerySchema.extend({
  /** true: only unread ones; absent or false: all. */
  unread: booleanQuery.optional(),
});
export const notificationPageSchema = pageSchema(notificationSchema);

export const unreadCountSchema = z.object({ count: z.number().int() });

export const markAllReadQuerySchema = z.strictObject({
  /**
   * Mark only notifications up to this one (the newest the user has seen), so one that arrived
   * while the list was open is not marked read unseen.
   */
  upTo: uuidSchema.optional(),
});
export const markAllReadResponseSchema = z.object({ updated: z.number().int() });
