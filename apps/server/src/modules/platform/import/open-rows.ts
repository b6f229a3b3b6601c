import type { SheetRow } from '../../customers/import/cells';
import { readCsvRows } from '../../customers/import/csv';
import { readXlsxRows } from '../../customers/import/xlsx';

type CsvEncoding = Parameters<typeof readCsvRows>[1];

/** The rows of a stored upload, streamed, whichever format inspection found it to be. */
export function openRows(job: {
  format: string;
  file_path: string;
  encoding: string | null;
  sheet_no: string | null;
}): AsyncGenerator<SheetRow> {
  if (job.format === 'xlsx') return readXlsxRows(job.file_path, job.sheet_no ?? '1');
  return readCsvRows(job.file_path, (job.encoding ?? 'utf-8') as CsvEncoding);
}
