import type { outboxItemSchema } from '@weixi/shared';
import type { z } from 'zod';
import type { OutboxRow } from './outbox.repository';

type OutboxItem = z.infer<typeof outboxItemSchema>;

const iso = (d: Date | string): string => new Date(d).toISOString();

/** What administrators see of a message: who, what about, and how delivery went (not the body). */
export function presentOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    channel: row.channel as OutboxItem['channel'],
    recipient: row.recipient,
    subject: row.subject,
    status: row.status as OutboxItem['status'],
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    sentAt: row.sent_at ? iso(row.sent_at) : null,
    createdAt: iso(row.created_at),
  };
}
