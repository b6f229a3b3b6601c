import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { assertCan } from '../../engagement/engagement.policy';
import { presentOutboxItem } from '../outbox.presenter';
import { countOutbox, listOutbox as listRows } from '../outbox.repository';

/** The e-mails the server sent or tried to send, newest first (administrators: delivery problems). */
export async function listOutbox(
  ctx: Ctx,
  input: { status?: string[] | undefined; limit: number; cursor?: string | undefined },
) {
  assertCan(ctx.actor, 'read_outbox');
  const after = readCursor(input.cursor, 2);
  const createdAt = after ? new Date(String(after.values[0])) : null;
  if (after && (createdAt === null || Number.isNaN(createdAt.getTime())))
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  const [rows, total] = await Promise.all([
    listRows(ctx.db, input.status, input.limit + 1, after && createdAt ? { createdAt, id: after.id } : null),
    countOutbox(ctx.db, input.status),
  ]);
  return pageOf(rows, input.limit, total, presentOutboxItem, (r) => [
    new Date(r.created_at).toISOString(),
    r.id,
  ]);
}
