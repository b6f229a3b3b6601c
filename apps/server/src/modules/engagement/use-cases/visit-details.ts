import type { DB } from '@weixi/db';
import type { Visit } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { attachmentsByRecord } from '../../platform/attachments/attachments.presenter';
import { listAttachments } from '../../platform/attachments/attachments.repository';
import { interactionsOfVisits } from '../interactions.repository';
import { tasksFromSources } from '../tasks.repository';
import { presentVisit } from '../visits.presenter';
import type { VisitView } from '../visits.repository';

/** A page of visits with attachments, report interaction and commitment tasks: one query each. */
export async function visitDetails(db: Kysely<DB>, rows: VisitView[]): Promise<Visit[]> {
  const ids = rows.map((r) => r.id);
  const reported = rows.filter((r) => r.reported_at).map((r) => r.id);
  const [attachments, interactionIds, taskIds] = await Promise.all([
    listAttachments(db, 'visit', ids),
    interactionsOfVisits(db, reported),
    tasksFromSources(db, 'visit', reported),
  ]);
  const extras = { attachments: attachmentsByRecord(attachments), interactionIds, taskIds };
  return rows.map((r) => presentVisit(r, extras));
}
