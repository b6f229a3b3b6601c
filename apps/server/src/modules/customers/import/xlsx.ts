import { stat } from 'node:fs/promises';
import type { Cell, SheetRow } from './cells';
import { openZipEntry, readZipDirectory, readZipText, type ZipEntry, ZipError } from './zip';

/** The sheet an import reads: the first visible one, as Excel orders the tabs. */
export interface XlsxSheet {
  /** N of xl/worksheets/sheetN.xml — how exceljs's streaming reader names sheets. */
  sheetNo: string;
  name: string;
  /** Merged ranges that touch row 1, e.g. "A1:C1". */
  headerMerges: string[];
  /** Row elements in the sheet (header included): an estimate of the size for the progress bar. */
  rowElements: number;
}

export class UnreadableWorkbook extends Error {}

const attrs = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

/** Finds the first visible worksheet and scans it for header merges, without loading its rows. */
export async function inspectXlsx(path: string, entries: ZipEntry[]): Promise<XlsxSheet> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new UnreadableWorkbook('the workbook has no sheet list (xl/workbook.xml)');
  const targets = new Map<string, string>();
  for (const m of (await readZipText(path, rels)).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target) targets.set(a.Id, a.Target);
  }
  const sheets = [...(await readZipText(path, workbook)).matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((m) =>
    attrs(m[1]!),
  );
  const first = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0];
  if (!first) throw new UnreadableWorkbook('the workbook has no worksheets');
  const target = targets.get(first['r:id'] ?? '') ?? '';
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(sheetPath)?.[1];
  const sheetEntry = byName.get(sheetPath);
  if (!sheetNo || !sheetEntry)
    throw new UnreadableWorkbook(
      `the first sheet (${first.name ?? '?'}) is stored in a way Weixi cannot read`,
    );

  const { merges, rows } = await scanSheet(path, sheetEntry);
  const headerMerges = merges.filter((ref) => /^[A-Z]+1:/.test(ref));
  return { sheetNo, name: first.name ?? '', headerMerges, rowElements: rows };
}

/**
 * Counts rows and collects merged ranges by scanning the sheet's XML text. Matches near the end
 * of a chunk are left for the next round so none is cut in half or counted twice.
 */
async function scanSheet(path: string, entry: ZipEntry): Promise<{ merges: string[]; rows: number }> {
  const decoder = new TextDecoder('utf-8');
  const keep = 128;
  const merges: string[] = [];
  let rows = 0;
  let carry = '';
  const scan = (text: string, final: boolean) => {
    const limit = final ? text.length : text.length - keep;
    for (const m of text.matchAll(/<(?:\w+:)?row[\s>]/g)) if (m.index < limit) rows++;
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+\d+:[A-Z]+\d+)"/g))
      if (m.index < limit) merges.push(m[1]!);
    return final ? '' : text.slice(limit);
  };
  for await (const chunk of await openZipEntry(path, entry)) {
    carry = scan(carry + decoder.decode(chunk as Buffer, { stream: true }), false);
  }
  scan(carry + decoder.decode(), true);
  return { merges, rows };
}

interface FormulaLike {
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
}

/** exceljs's cell value → our Cell. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { t: 'text', v: value };
  if (typeof value === 'number')
    return Number.isNaN(value) ? { t: 'error', v: '#VALUE!' } : { t: 'number', v: value };
  if (typeof value === 'boolean') return { t: 'bool', v: value };
  if (value instanceof Date) return { t: 'date', v: value };
  if (typeof value !== 'object') return { t: 'text', v: String(value) };
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as FormulaLike;
    // exceljs reads an error result (t="e") as NaN and no <v> element as undefined.
    if (f.result === undefined) return { t: 'formula_missing', formula: f.formula ?? f.sharedFormula ?? '' };
    if (typeof f.result === 'number' && Number.isNaN(f.result)) return { t: 'error', v: '#ERROR' };
    return toCell(f.result);
  }
  if ('error' in v) return { t: 'error', v: String(v.error) };
  if (Array.isArray(v.richText)) {
    return { t: 'text', v: (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('') };
  }
  if ('text' in v) return toCell(v.text);
  return { t: 'text', v: String(value) };
}

/** The parts of exceljs's streaming reader that parse one unzipped part each. */
interface ReaderInternals {
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(
    chunks: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<{ number: number; values: unknown }> }>;
}

/** UTF-8 text of a stream of byte chunks, a character cut between two chunks decoded whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** A part of the archive as UTF-8 text chunks (exceljs#2063: see readXlsxRows). */
async function openText(path: string, entry: ZipEntry): Promise<NodeJS.ReadableStream> {
  const stream = await openZipEntry(path, entry);
  stream.setEncoding('utf8');
  return stream;
}

/**
 * Rows of one sheet, streamed: exceljs parses the sheet's XML as it is unzipped, so a 200,000-row
 * file never sits in memory. Shared strings are cached (Excel keeps text there) and styles too, so
 * date-formatted cells come out as dates.
 *
 * We unzip the parts ourselves, by the ZIP directory, and hand each to exceljs's part parsers
 * instead of running its WorkbookReader over the archive front to back, because that reader
 * - copies every worksheet stored before the shared strings (exceljs's own writer, our export
 *   included, stores them so) to a temporary file, keeping its descriptor open until the process
 *   exits when the reading stops early, and deletes it while a skipped sheet's read stream may
 *   still be opening it (an uncaught ENOENT; seen in CI);
 * - looks up the sheet list before xl/workbook.xml has been read when that comes last
 *   (exceljs#3064: "reading 'sheets'" at random);
 * - decodes each 16 KiB chunk of XML on its own, so a Chinese character cut by a chunk boundary
 *   became two U+FFFD, about one imported row in 2,000 (exceljs#2063) — here the text is decoded
 *   as a stream, cut characters joined.
 * Only the sheet asked for is read; the others are never unzipped.
 */
export async function* readXlsxRows(path: string, sheetNo: string): AsyncGenerator<SheetRow> {
  // Loaded on first use: exceljs takes ~0.3 s to load, which every start would otherwise pay.
  const { default: ExcelJS } = await import('exceljs');
  const entries = await readZipDirectory(path, (await stat(path)).size);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sheetEntry = byName.get(`xl/worksheets/sheet${sheetNo}.xml`);
  if (!sheetEntry) throw new UnreadableWorkbook(`the workbook has no sheet ${sheetNo}`);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const r = reader as unknown as ReaderInternals;
  // The sheet's name and tab order are inspectXlsx's business; the worksheet parser only needs
  // a sheet list to look its file number up in, and keeps that number as its id when none matches.
  Object.defineProperty(reader, 'model', { get: () => ({ sheets: [] }), set: () => {} });
  try {
    const workbook = byName.get('xl/workbook.xml');
    // workbook.xml carries date1904, which decides what a date cell's number means.
    if (workbook) await r._parseWorkbook(await openText(path, workbook));
    const sharedStrings = byName.get('xl/sharedStrings.xml');
    if (sharedStrings) for await (const _ of r._parseSharedStrings(await openText(path, sharedStrings)));
    const styles = byName.get('xl/styles.xml');
    if (styles) await r._parseStyles(await openText(path, styles));
    const rows = await openZipEntry(path, sheetEntry);
    try {
      for (const { eventType, value: sheet } of r._parseWorksheet(utf8Text(rows), sheetNo)) {
        if (eventType !== 'worksheet') continue;
        for await (const row of sheet) {
          const values = row.values as unknown[];
          const cells: Cell[] = [];
          for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
          yield { number: row.number, cells };
        }
      }
    } finally {
      rows.destroy();
    }
  } catch (err) {
    if (err instanceof ZipError || err instanceof UnreadableWorkbook) throw err;
    throw new UnreadableWorkbook(
      `the workbook is damaged: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
