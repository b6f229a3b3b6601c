import type { ServiceListItem } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { presentListEntry } from '../lists.presenter';
import { listEntries, type ServiceListTable } from '../lists.repository';
import { assertCan } from '../service.policy';

/**
 * Categories or root causes in the order an administrator set: anyone who works tickets picks
 * from them (active only by default; the admin page asks for the deactivated ones too).
 */
export async function listServiceList(
  ctx: Ctx,
  table: ServiceListTable,
  query: { includeInactive?: boolean | undefined },
): Promise<{ items: ServiceListItem[] }> {
  assertCan(ctx.actor, 'handle_tickets');
  const rows = await listEntries(ctx.db, table, query.includeInactive ?? false);
  return { items: rows.map(presentListEntry) };
}
