import type { OwnershipEntry } from '@weixi/shared';
import type { HistoryRow, SponsoredRow } from './ownership.repository';

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentHistoryEntry(r: HistoryRow): OwnershipEntry {
  return {
    id: r.id,
    kind: r.kind as OwnershipEntry['kind'],
    from: ref(r.from_user_id, r.from_name),
    to: ref(r.to_user_id, r.to_name),
    reason: r.reason,
    actor: ref(r.actor_id, r.actor_name),
    at: new Date(r.at).toISOString(),
  };
}

export function presentKeyCustomer(r: SponsoredRow) {
  return {
    id: r.id,
    name: r.name,
    grade: r.grade as 'A' | 'B' | 'C' | 'D' | null,
    category: r.category as 'key' | 'normal' | 'potential',
    status: r.status as 'active' | 'invalid' | 'merged',
    owner: ref(r.owner_id, r.owner_name),
    lastInteractionAt: new Date(r.last_interaction_at).toISOString(),
  };
}
