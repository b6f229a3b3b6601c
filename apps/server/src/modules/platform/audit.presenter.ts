import type { AuditEntry } from '@weixi/shared';
import type { AuditRowWithActor } from './audit.repository';

export function presentAuditEntry(row: AuditRowWithActor): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}
