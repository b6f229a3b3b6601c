import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentAuditEntry } from '../../platform/audit.presenter';
import { listAudit } from '../../platform/audit.repository';
import { getCustomer } from './get-customer';

/**
 * The customer's history so far: every audited change to it and its contacts, newest first.
 * Readable by anyone who may read the customer (issue 5 grows this into the full timeline).
 */
export async function customerHistory(
  ctx: Ctx,
  id: string,
  input: { limit: number; cursor?: string | undefined },
) {
  await getCustomer(ctx, id);
  const after = readCursor(input.cursor, 1);
  const { rows, total } = await listAudit(
    ctx.db,
    { entity: 'customer', entityId: id },
    input.limit,
    after?.id ?? null,
  );
  return pageOf(rows, input.limit, total, presentAuditEntry, (r) => [r.id]);
}
