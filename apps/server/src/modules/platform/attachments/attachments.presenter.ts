import type { Attachment } from '@weixi/shared';
import type { AttachmentView } from './attachments.repository';

/** Only these fields leave the server: never the storage key or the hash. */
export function presentAttachment(row: AttachmentView): Attachment {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    url: `/api/v1/attachments/${row.id}`,
  };
}

/** A page's attachments grouped by the record they belong to. */
export function attachmentsByRecord(rows: readonly AttachmentView[]): Map<string, Attachment[]> {
  const out = new Map<string, Attachment[]>();
  for (const row of rows) {
    const list = out.get(row.entity_id) ?? [];
    list.push(presentAttachment(row));
    out.set(row.entity_id, list);
  }
  return out;
}

/**
 * `attachment` with the name twice: an ASCII stand-in for old clients and the real name in RFC 5987
 * form (`filename*=UTF-8''…`), which every current browser uses — Chinese names arrive intact.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
