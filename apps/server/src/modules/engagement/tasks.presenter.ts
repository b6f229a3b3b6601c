import type { Task } from '@weixi/shared';
import type { TaskView } from './tasks.repository';

const iso = (d: Date | string): string => new Date(d).toISOString();
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** Only these fields of a task leave the server. `today` is the business date (overdue is judged by it). */
export function presentTask(row: TaskView, today: string): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    customer: row.customer_id ? { id: row.customer_id, name: row.customer_name ?? '' } : null,
    owner: { id: row.owner_id, name: row.owner_name },
    dueOn: row.due_on,
    status: row.status as Task['status'],
    overdue: row.status === 'open' && row.due_on < today,
    source: row.source as Task['source'],
    sourceId: row.source_id,
    completedAt: row.completed_at ? iso(row.completed_at) : null,
    completedBy: ref(row.completed_by, row.completed_by_name),
    completionNote: row.completion_note,
    createdAt: iso(row.created_at),
    createdBy: ref(row.created_by, row.created_by_name),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** What the audit log keeps of a task. */
export function auditTask(t: Task): Record<string, unknown> {
  return {
    taskId: t.id,
    title: t.title,
    description: t.description,
    customerId: t.customer?.id ?? null,
    ownerId: t.owner.id,
    dueOn: t.dueOn,
    status: t.status,
    source: t.source,
    sourceId: t.sourceId,
    completionNote: t.completionNote,
  };
}
