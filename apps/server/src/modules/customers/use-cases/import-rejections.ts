import { Readable } from 'node:stream';
import { escapeFormulaText } from '@weixi/domain';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findImport, listRejections } from '../customer-import.repository';
import { importLocale } from '../import/messages';
import { importViewer } from './start-import';

/** RFC 4180 quoting, after neutralising text a spreadsheet would run as a formula. */
export function csvLine(cells: readonly string[]): string {
  return `${cells
    .map((c) => {
      const s = escapeFormulaText(c);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',')}\r\n`;
}

/**
 * Every rejected row: its number, the columns and reasons, then its original cells, so the user
 * can fix the rows in Excel and import this file again (the three leading columns are ignored by
 * the mapping). UTF-8 with a byte-order mark, which Excel needs to show Chinese correctly. Read
 * in keyset pages so any number of rejections streams in flat memory.
 */
export async function importRejectionsCsv(
  ctx: Ctx,
  id: string,
): Promise<{ fileName: string; body: Readable }> {
  const job = await findImport(ctx.db, id, importViewer(ctx));
  if (!job) throw notFound('Import');
  const zh = importLocale(ctx.actor.locale) === 'zh-CN';
  const headers = job.headers;
  const db = ctx.db;
  async function* lines() {
    yield `\uFEFF${csvLine([zh ? '行号' : 'Row', zh ? '列' : 'Column', zh ? '原因' : 'Reason', ...headers])}`;
    let after: { row: number; seq: number } | null = null;
    let current: { row: number; columns: string[]; reasons: string[]; raw: string[] } | null = null;
    const flush = (r: NonNullable<typeof current>) =>
      csvLine([String(r.row), [...new Set(r.columns)].join('；'), r.reasons.join('；'), ...r.raw]);
    for (;;) {
      const page = await listRejections(db, id, 1000, after);
      for (const r of page) {
        if (current && current.row !== r.row_number) {
          yield flush(current);
          current = null;
        }
        current ??= { row: r.row_number, columns: [], reasons: [], raw: r.raw };
        if (r.column_name) current.columns.push(r.column_name);
        current.reasons.push(r.column_name ? `${r.column_name}: ${r.message}` : r.message);
      }
      const last = page.at(-1);
      if (!last || page.length < 1000) break;
      after = { row: last.row_number, seq: last.seq };
    }
    if (current) yield flush(current);
  }
  const base = job.file_name.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-${zh ? '未导入的行' : 'rejected-rows'}.csv`, body: Readable.from(lines()) };
}
