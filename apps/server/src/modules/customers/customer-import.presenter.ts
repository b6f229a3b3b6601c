import type { CustomFieldDefinitionRow } from '@weixi/db';
import { importFields } from '@weixi/domain';
import type { ImportField, ImportJob, ImportJobSummary, ImportRejection } from '@weixi/shared';
import type { ImportRow } from './customer-import.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Only these fields of a job leave the server; the stored file path stays inside. */
export function presentImportSummary(row: ImportRow): ImportJobSummary {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as ImportJobSummary['format'],
    encoding: row.encoding as ImportJobSummary['encoding'],
    status: row.status as ImportJobSummary['status'],
    duplicatePolicy: row.duplicate_policy as ImportJobSummary['duplicatePolicy'],
    totalRows: row.total_rows,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    rejected: row.rejected,
    error: row.error,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    version: row.version,
  };
}

export function presentImportJob(row: ImportRow, rejections: ImportRejection[]): ImportJob {
  return { ...presentImportSummary(row), headers: row.headers, mapping: row.mapping, rejections };
}

/**
 * The fields a column can be mapped to; `name` and required customer custom fields must be mapped.
 * Required contact custom fields are required only of rows that carry a contact: they must be
 * mapped when the contact name is (start-import.ts checks the same).
 */
export function presentImportFields(
  custom: CustomFieldDefinitionRow[],
  contactCustom: CustomFieldDefinitionRow[] = [],
): ImportField[] {
  const required = new Set(['name', ...custom.filter((c) => c.required).map((c) => `custom.${c.key}`)]);
  const withContact = new Set(contactCustom.filter((c) => c.required).map((c) => `contactCustom.${c.key}`));
  const labels = (defs: CustomFieldDefinitionRow[]) =>
    defs.map((c) => ({ key: c.key, labelZh: c.label_zh, labelEn: c.label_en }));
  return importFields(labels(custom), labels(contactCustom)).map((f) => ({
    key: f.key,
    labelZh: f.labelZh,
    labelEn: f.labelEn,
    group: f.group,
    required: required.has(f.key),
    requiredWithContact: withContact.has(f.key),
  }));
}
