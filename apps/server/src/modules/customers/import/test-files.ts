// Test helpers: spreadsheets built in the tests themselves, and the multipart upload around them.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Harness, Session } from '../../../testing/harness';

export type CellInput = string | number | boolean | Date | null | ExcelJS.CellValue;

/** RFC 4180 CSV text (CRLF line ends, as Excel writes them). */
export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return rows
    .map((r) =>
      r
        .map((c) => {
          const s = String(c);
          return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
        })
        .join(','),
    )
    .join('\r\n');
}

export function csvBytes(
  rows: readonly (readonly (string | number)[])[],
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' = 'utf-8',
): Buffer {
  const text = csvText(rows);
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export async function xlsxBytes(
  rows: readonly (readonly CellInput[])[],
  setup?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  for (const r of rows) ws.addRow([...r]);
  setup?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one `file` part, as a browser sends it. */
export function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----weixi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, content, tail]),
  };
}

export async function upload(h: Harness, as: Session | undefined, fileName: string, content: Buffer) {
  const body = multipart(fileName, content);
  return h.request({
    method: 'POST',
    url: '/api/v1/customer-imports',
    ...(as ? { as } : {}),
    headers: body.headers,
    payload: body.payload,
  });
}

export interface JobView {
  id: string;
  status: string;
  totalRows: number | null;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  error: string | null;
  version: number;
  rejections: { row: number; column: string | null; code: string; message: string }[];
}

/** Polls the job (as the web page does) until it is no longer running. */
export async function waitForImport(
  h: Harness,
  as: Session,
  id: string,
  timeoutMs = 120_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await h.request({ method: 'GET', url: `/api/v1/customer-imports/${id}`, as });
    if (res.statusCode !== 200) throw new Error(`GET import: ${res.statusCode} ${res.body}`);
    const job = res.json<JobView>();
    if (job.status !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`import still running: ${res.body}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Upload, start with the suggested mapping (plus overrides) and wait for the end. */
export async function importFile(
  h: Harness,
  as: Session,
  fileName: string,
  content: Buffer,
  opts: {
    policy?: 'skip' | 'update' | 'create';
    mapping?: Record<string, string | null>;
    defaultOwnerId?: string | null;
  } = {},
): Promise<JobView> {
  const up = await upload(h, as, fileName, content);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const u = up.json<{ id: string; version: number; suggestedMapping: Record<string, string | null> }>();
  const start = await h.request({
    method: 'POST',
    url: `/api/v1/customer-imports/${u.id}/start`,
    as,
    payload: {
      mapping: { ...u.suggestedMapping, ...(opts.mapping ?? {}) },
      duplicatePolicy: opts.policy ?? 'skip',
      version: u.version,
      ...(opts.defaultOwnerId !== undefined ? { defaultOwnerId: opts.defaultOwnerId } : {}),
    },
  });
  if (start.statusCode !== 202) throw new Error(`start: ${start.statusCode} ${start.body}`);
  return waitForImport(h, as, u.id);
}
