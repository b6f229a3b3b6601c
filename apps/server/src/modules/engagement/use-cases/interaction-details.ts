import type { DB } from '@weixi/db';
import type { Interaction } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { attachmentsByRecord } from '../../platform/attachments/attachments.presenter';
import { listAttachments } from '../../platform/attachments/attachments.repository';
import { presentInteraction } from '../interactions.presenter';
import { type InteractionView, participantsOf } from '../interactions.repository';

/** A page of interactions with their participants and attachments: one query for each, not per row. */
export async function interactionDetails(db: Kysely<DB>, rows: InteractionView[]): Promise<Interaction[]> {
  const ids = rows.map((r) => r.id);
  const [participants, attachments] = await Promise.all([
    participantsOf(db, ids),
    listAttachments(db, 'interaction', ids),
  ]);
  const byRecord = attachmentsByRecord(attachments);
  return rows.map((r) => presentInteraction(r, participants, byRecord));
}
