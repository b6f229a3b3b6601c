import { Readable } from 'node:stream';
import { escapeFormulaText } from '@weixi/domain';

/** RFC 4180 quoting, after neutralising text a spreadsheet would run as a formula. */
export function csvLine(cells: readonly string[]): string {
  return `${cells
    .map((c) => {
      const s = escapeFormulaText(c);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',')}\r\n`;
}

export interface RejectionRecord {
  row_number: number;
  seq: number;
  column_name: string | null;
  message: string;
  /** The row's original cells; stored with its first problem only. */
  raw: string[];
}

/**
 * Every rejected row: its number, the columns and reasons, then its original cells, so the user
 * fixes the rows in Excel and imports this file again (the three leading columns map to nothing).
 * UTF-8 with a byte-order mark, which Excel needs to show Chinese. Read in keyset pages, so any
 * number of rejections streams in flat memory.
 */
export function rejectionsCsv(opts: {
  headers: string[];
  zh: boolean;
  page: (after: { row: number; seq: number } | null, limit: number) => Promise<RejectionRecord[]>;
}): Readable {
  const { headers, zh, page } = opts;
  async function* lines() {
    yield `\uFEFF${csvLine([zh ? '行号' : 'Row', zh ? '列' : 'Column', zh ? '原因' : 'Reason', ...headers])}`;
    let after: { row: number; seq: number } | null = null;
    let current: { row: number; columns: string[]; reasons: string[]; raw: string[] } | null = null;
    const flush = (r: NonNullable<typeof current>) =>
      csvLine([String(r.row), [...new Set(r.columns)].join('；'), r.reasons.join('；'), ...r.raw]);
    for (;;) {
      const rows = await page(after, 1000);
      for (const r of rows) {
        if (current && current.row !== r.row_number) {
          yield flush(current);
          current = null;
        }
        current ??= { row: r.row_number, columns: [], reasons: [], raw: r.raw };
        if (r.column_name) current.columns.push(r.column_name);
        current.reasons.push(r.column_name ? `${r.column_name}: ${r.message}` : r.message);
      }
      const last = rows.at(-1);
      if (!last || rows.length < 1000) break;
      after = { row: last.row_number, seq: last.seq };
    }
    if (current) yield flush(current);
  }
  return Readable.from(lines());
}

/** attachment with an ASCII fallback and the real (Chinese) name per RFC 5987. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
