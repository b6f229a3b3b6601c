import type { ServiceListItem, UpdateServiceListItemRequest } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentListEntry } from '../lists.presenter';
import { findEntry, nameTaken, type ServiceListTable, updateEntry } from '../lists.repository';
import { assertCan } from '../service.policy';
import { nameInUse } from './create-service-list-entry';
import { serviceLists } from './service-lists';

/**
 * Renames, describes, reorders or (de)activates an entry. Entries are never deleted: closed
 * tickets keep naming their root cause, and deactivating only takes it out of the pickers.
 */
export async function updateServiceListEntry(
  ctx: Ctx,
  table: ServiceListTable,
  id: string,
  version: number,
  input: Omit<UpdateServiceListItemRequest, 'version'>,
): Promise<ServiceListItem> {
  assertCan(ctx.actor, 'manage_settings');
  const { label, entity } = serviceLists[table];
  const current = await findEntry(ctx.db, table, id);
  if (!current) throw notFound(label);
  if (current.version !== version) throw staleVersion(label, current.version);
  if (input.name !== undefined && (await nameTaken(ctx.db, table, input.name, id)))
    throw nameInUse(table, input.name);
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
  };
  if (!(await updateEntry(ctx.db, table, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion(label, version + 1);
  const after = presentListEntry((await findEntry(ctx.db, table, id))!);
  await recordAudit(ctx, {
    action: `${entity}.update`,
    entity,
    entityId: id,
    before: { ...presentListEntry(current) },
    after: { ...after },
  });
  return after;
}
