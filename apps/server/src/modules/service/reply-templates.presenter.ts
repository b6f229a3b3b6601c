import { replyPlaceholders, templatePlaceholders } from '@weixi/domain';
import type { ReplyTemplate } from '@weixi/shared';
import type { ReplyTemplateRow } from './reply-templates.repository';

/** Only these fields of a reply template leave the server. */
export function presentReplyTemplate(row: ReplyTemplateRow): ReplyTemplate {
  return {
    id: row.id,
    title: row.title,
    category: row.category_id ? { id: row.category_id, name: row.category_name ?? '' } : null,
    body: row.body,
    placeholders: templatePlaceholders(row.body),
    active: row.active,
    version: row.version,
  };
}

/** The placeholders a template may use, labelled in the reader's language. */
export function presentPlaceholders(locale: string): { name: string; label: string }[] {
  return replyPlaceholders.map((p) => ({ name: p.name, label: locale.startsWith('en') ? p.en : p.zh }));
}
