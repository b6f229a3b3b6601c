import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  createEncodingDetector,
  creditCodeProblem,
  normalizeCreditCode,
  parseDateText,
  type TextEncoding,
} from '@weixi/domain';
import { type ErrorCode, importLimits } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { type Cell, cellText, columnLetter, isBlank, type SheetRow } from './cells';
import { readCsvRows } from './csv';
import { type ImportLocale, importMessage } from './messages';
import { inspectXlsx, readXlsxRows, UnreadableWorkbook } from './xlsx';
import { readZipDirectory, ZipError } from './zip';

export interface Inspection {
  format: 'xlsx' | 'csv';
  encoding: TextEncoding | null;
  sheetNo: string | null;
  headers: string[];
  preview: string[][];
  totalRows: number | null;
}

/** Why an uploaded file cannot be imported: each is its own top-level error code (shared errors.ts). */
export type FileProblemCode = Extract<
  ErrorCode,
  | 'file_too_large'
  | 'not_a_spreadsheet'
  | 'empty_file'
  | 'unknown_encoding'
  | 'unreadable_file'
  | 'no_header_row'
  | 'blank_header'
  | 'duplicate_header'
  | 'merged_header'
>;

/**
 * The file's problem as the top-level code, so a client can tell an empty file from a PDF without
 * digging; the single `errors` entry on the `file` part keeps the same code and the sentence in the
 * uploader's language naming the cells or columns at fault.
 */
export function fileProblem(
  locale: ImportLocale,
  code: FileProblemCode,
  params: Record<string, string | number> = {},
) {
  const message = importMessage(locale, code, params);
  return new AppError(code, message, { errors: [{ path: 'file', code, message }] });
}

/** Magic numbers of files people upload by mistake, in both languages. */
const signatures: { test: (b: Buffer) => boolean; zh: string; en: string }[] = [
  {
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    zh: '旧版 Excel 97–2003 工作簿（.xls）或其他旧版 Office 文件；请在 Excel 中另存为 .xlsx 或 CSV',
    en: 'an Excel 97–2003 workbook (.xls) or another old Office file; save it as .xlsx or CSV in Excel',
  },
  { test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-', zh: ' PDF 文档', en: 'a PDF document' },
  {
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    zh: ' PNG 图片',
    en: 'a PNG image',
  },
  { test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, zh: ' JPEG 图片', en: 'a JPEG image' },
  { test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8', zh: ' GIF 图片', en: 'a GIF image' },
  {
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
    zh: ' WebP 图片',
    en: 'a WebP image',
  },
  { test: (b) => b[0] === 0x1f && b[1] === 0x8b, zh: ' gzip 压缩包', en: 'a gzip archive' },
  { test: (b) => b.subarray(0, 4).toString('latin1') === 'Rar!', zh: ' RAR 压缩包', en: 'a RAR archive' },
  {
    test: (b) => b.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])),
    zh: ' 7z 压缩包',
    en: 'a 7z archive',
  },
  { test: (b) => b.subarray(0, 5).toString('latin1') === '{\\rtf', zh: ' RTF 文档', en: 'an RTF document' },
  { test: (b) => b.subarray(0, 4).toString('latin1') === '\x7fELF', zh: '可执行程序', en: 'a program' },
];

const zipKinds: { part: string; zh: string; en: string }[] = [
  { part: 'word/document.xml', zh: ' Word 文档（.docx）', en: 'a Word document (.docx)' },
  {
    part: 'ppt/presentation.xml',
    zh: ' PowerPoint 演示文稿（.pptx）',
    en: 'a PowerPoint presentation (.pptx)',
  },
  {
    part: 'content.xml',
    zh: ' OpenDocument 文件（.ods/.odt）；请另存为 .xlsx',
    en: 'an OpenDocument file (.ods/.odt); save it as .xlsx',
  },
];

const found = (locale: ImportLocale, what: { zh: string; en: string }) =>
  locale === 'zh-CN' ? what.zh : what.en;

async function readHead(path: string, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Reads the whole file once through the UTF-8 and GB18030 checks; also counts lines. */
async function detectCsvEncoding(path: string, locale: ImportLocale) {
  const detector = createEncodingDetector();
  let lines = 0;
  let lastByte = 0x0a;
  let nonSpace = false;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    detector.push(bytes);
    for (const b of bytes) {
      if (b === 0x0a) lines++;
      else if (
        !nonSpace &&
        b !== 0x0d &&
        b !== 0x20 &&
        b !== 0x09 &&
        b !== 0 &&
        b !== 0xef &&
        b !== 0xbb &&
        b !== 0xbf &&
        b !== 0xff &&
        b !== 0xfe
      )
        nonSpace = true;
    }
    lastByte = bytes.at(-1) ?? lastByte;
  }
  if (!nonSpace) throw fileProblem(locale, 'empty_file');
  const verdict = detector.finish();
  if (!verdict.ok) throw fileProblem(locale, 'unknown_encoding', { ...verdict.invalidAt });
  // Lines minus the header; a final line without a newline still counts.
  const records = lines + (lastByte === 0x0a ? 0 : 1);
  return { encoding: verdict.encoding, dataRows: Math.max(0, records - 1) };
}

/** The header and the first rows, then stops reading (the readers close the file). */
async function headAndPreview(rows: AsyncGenerator<SheetRow>, locale: ImportLocale) {
  let header: SheetRow | null = null;
  const preview: Cell[][] = [];
  for await (const row of rows) {
    if (!header) {
      if (row.number !== 1)
        throw fileProblem(locale, 'no_header_row', {
          reason: locale === 'zh-CN' ? '第 1 行是空的' : 'row 1 is empty',
        });
      header = row;
      continue;
    }
    preview.push(row.cells);
    if (preview.length >= importLimits.previewRows) break;
  }
  if (!header) throw fileProblem(locale, 'empty_file');
  return { header: header.cells, preview };
}

/** A header cell that is really data: a number, a date, a phone number or a credit code. */
function looksLikeData(cell: Cell): boolean {
  if (cell === null) return false;
  if (cell.t === 'number' || cell.t === 'date') return true;
  if (cell.t !== 'text') return false;
  const s = cell.v.trim();
  if (/^\+?[\d\s()-]{7,}$/.test(s)) return true;
  if (parseDateText(s).ok) return true;
  return s.length === 18 && creditCodeProblem(normalizeCreditCode(s)) === null;
}

/**
 * Row 1 names the columns. Refuses a header that looks like data, names missing above data,
 * and repeated names; trailing unnamed columns without data are dropped.
 */
export function checkHeader(header: Cell[], preview: Cell[][], locale: ImportLocale): string[] {
  const names = header.map((c) => cellText(c).trim());
  const width = Math.max(names.length, ...preview.map((r) => r.length));
  const hasData = (i: number) => preview.some((r) => !isBlank(r[i] ?? null));

  const dataCell = header.findIndex(looksLikeData);
  if (dataCell >= 0) {
    const text = `${columnLetter(dataCell)}1 = ${cellText(header[dataCell] ?? null)}`;
    throw fileProblem(locale, 'no_header_row', {
      reason:
        locale === 'zh-CN' ? `${text}，看起来是数据而不是列名` : `${text} looks like data, not a column name`,
    });
  }
  const blank: string[] = [];
  for (let i = 0; i < width; i++) if (!names[i] && hasData(i)) blank.push(columnLetter(i));
  if (blank.length) throw fileProblem(locale, 'blank_header', { columns: blank.join(', ') });

  const seen = new Map<string, number[]>();
  names.forEach((n, i) => {
    if (!n) return;
    const key = n.normalize('NFKC').toLowerCase();
    seen.set(key, [...(seen.get(key) ?? []), i]);
  });
  const repeats = [...seen.values()]
    .filter((cols) => cols.length > 1)
    .map((cols) =>
      locale === 'zh-CN'
        ? `${cols.map(columnLetter).join('、')}（${names[cols[0]!]}）`
        : `${cols.map(columnLetter).join(' and ')} (${names[cols[0]!]})`,
    );
  if (repeats.length)
    throw fileProblem(locale, 'duplicate_header', {
      columns: repeats.join(locale === 'zh-CN' ? '；' : '; '),
    });

  let last = names.length;
  while (last > 0 && !names[last - 1]) last--;
  return names.slice(0, last);
}

/**
 * Works out what an uploaded file is, from its bytes: xlsx (a ZIP holding xl/workbook.xml) or CSV
 * text in a detectable encoding. Everything else is refused, saying what the file was.
 */
export async function inspectUpload(path: string, size: number, locale: ImportLocale): Promise<Inspection> {
  if (size === 0) throw fileProblem(locale, 'empty_file');
  const head = await readHead(path, 8192);
  const known = signatures.find((s) => s.test(head));
  if (known) throw fileProblem(locale, 'not_a_spreadsheet', { found: found(locale, known) });

  const isZip = head.subarray(0, 2).toString('latin1') === 'PK';
  if (isZip) {
    try {
      const entries = await readZipDirectory(path, size);
      const names = new Set(entries.map((e) => e.name));
      if (!names.has('xl/workbook.xml')) {
        const kind = zipKinds.find((k) => names.has(k.part));
        throw fileProblem(locale, 'not_a_spreadsheet', {
          found: kind ? found(locale, kind) : locale === 'zh-CN' ? ' ZIP 压缩包' : 'a ZIP archive',
        });
      }
      const sheet = await inspectXlsx(path, entries);
      if (sheet.headerMerges.length)
        throw fileProblem(locale, 'merged_header', { ranges: sheet.headerMerges.join(', ') });
      const { header, preview } = await headAndPreview(readXlsxRows(path, sheet.sheetNo), locale);
      const headers = checkHeader(header, preview, locale);
      return {
        format: 'xlsx',
        encoding: null,
        sheetNo: sheet.sheetNo,
        headers,
        preview: preview.map((r) => headers.map((_, i) => cellText(r[i] ?? null))),
        totalRows: Math.max(0, sheet.rowElements - 1),
      };
    } catch (err) {
      if (err instanceof ZipError || err instanceof UnreadableWorkbook)
        throw fileProblem(locale, 'unreadable_file', { reason: err.message });
      throw err;
    }
  }

  // Text: a NUL byte in the first block means binary data (UTF-16 text has a byte-order mark).
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) {
    throw fileProblem(locale, 'not_a_spreadsheet', {
      found: locale === 'zh-CN' ? '二进制数据（不是文本）' : 'binary data, not text',
    });
  }
  const start = head
    .toString('latin1', 0, 512)
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (start.startsWith('<')) {
    throw fileProblem(locale, 'not_a_spreadsheet', {
      found:
        locale === 'zh-CN'
          ? ' HTML/XML 网页（其他系统常把它存成 .xls）；请用 Excel 打开并另存为 .xlsx'
          : 'an HTML/XML page (other systems often save these as .xls); open it in Excel and save it as .xlsx',
    });
  }
  const { encoding, dataRows } = await detectCsvEncoding(path, locale);
  const { header, preview } = await headAndPreview(readCsvRows(path, encoding), locale);
  const headers = checkHeader(header, preview, locale);
  return {
    format: 'csv',
    encoding,
    sheetNo: null,
    headers,
    preview: preview.map((r) => headers.map((_, i) => cellText(r[i] ?? null))),
    totalRows: dataRows,
  };
}
