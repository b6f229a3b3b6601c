import type { ServiceListTable } from '../lists.repository';

/** The two managed lists: what they are called in messages, audit entries and the API. */
export const serviceLists = {
  ticket_category: { entity: 'ticket_category', label: 'Ticket category', path: 'categories' },
  root_cause: { entity: 'root_cause', label: 'Root cause', path: 'root-causes' },
} as const satisfies Record<ServiceListTable, { entity: string; label: string; path: string }>;
