import { newId } from '@weixi/db';
import type { CreateServiceListItemRequest, ServiceListItem } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentListEntry } from '../lists.presenter';
import { findEntry, insertEntry, nameTaken, type ServiceListTable } from '../lists.repository';
import { assertCan } from '../service.policy';
import { serviceLists } from './service-lists';

/** A name already used, whatever its case: 409 beside the name field. */
export function nameInUse(table: ServiceListTable, name: string): AppError {
  return new AppError('already_exists', `${serviceLists[table].label} "${name}" already exists`, {
    errors: [
      { path: 'name', code: 'duplicate', message: 'this name is already used (case does not matter)' },
    ],
  });
}

/**
 * Adds a category or root cause (administrators: one company-wide list). Names are unique without
 * regard to case, so "物流" and a later "物流 " or "Logistics"/"logistics" do not split the figures.
 */
export async function createServiceListEntry(
  ctx: Ctx,
  table: ServiceListTable,
  input: CreateServiceListItemRequest,
): Promise<ServiceListItem> {
  assertCan(ctx.actor, 'manage_settings');
  if (await nameTaken(ctx.db, table, input.name, null)) throw nameInUse(table, input.name);
  const id = newId();
  await insertEntry(
    ctx.db,
    table,
    { id, name: input.name, description: input.description ?? '', sort_order: input.sortOrder ?? 0 },
    ctx.actor.id,
    ctx.clock.now(),
  );
  const created = presentListEntry((await findEntry(ctx.db, table, id))!);
  await recordAudit(ctx, {
    action: `${serviceLists[table].entity}.create`,
    entity: serviceLists[table].entity,
    entityId: id,
    after: { ...created },
  });
  return created;
}
