import type { ServiceListItem } from '@weixi/shared';
import type { ServiceListRow } from './lists.repository';

/** Only these fields of a category or root cause leave the server. */
export function presentListEntry(row: ServiceListRow): ServiceListItem {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    active: row.active,
    sortOrder: row.sort_order,
    version: row.version,
  };
}
