import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { assertCan } from '../../identity/identity.policy';
import { presentAuditEntry } from '../audit.presenter';
import { listAudit as listAuditRows } from '../audit.repository';

export interface ListAuditInput {
  limit: number;
  cursor?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
}

export async function listAudit(ctx: Ctx, input: ListAuditInput) {
  assertCan(ctx.actor, 'audit.read');
  const after = readCursor(input.cursor, 1);
  const { rows, total } = await listAuditRows(ctx.db, input, input.limit, after?.id ?? null);
  return pageOf(rows, input.limit, total, presentAuditEntry, (r) => [r.id]);
}
