/**
 * Reading values as people type them into spreadsheets: dates in the forms Chinese offices use,
 * Excel serial day numbers, tag lists with Chinese or Latin separators, numbers with thousands
 * separators. Each parser returns null for "cannot read this", never a silently wrong value.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** True for a real calendar date (no 2026-02-30) in the range the archive accepts. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export type DateParse = { ok: true; date: string } | { ok: false; reason: 'format' | 'impossible' };

/**
 * 2026-11-25, 2026/11/25, 2026.11.25, 2026年11月25日 and 20261125, with or without leading zeros
 * and with a trailing time (Excel writes "2026/11/25 0:00" into CSV) → YYYY-MM-DD.
 */
export function parseDateText(text: string): DateParse {
  const s = text.normalize('NFKC').trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(
      s,
    ) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d)
    ? { ok: true, date: `${y}-${pad(mo)}-${pad(d)}` }
    : { ok: false, reason: 'impossible' };
}

/**
 * An Excel serial day number (1900 date system: 1 = 1900-01-01, with Excel's phantom 1900-02-29)
 * → YYYY-MM-DD; the fraction (time of day) is dropped. Null outside 1800–2200 or for non-integers
 * far from a day.
 */
export function excelSerialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  // Day 60 is the 1900-02-29 that never existed; from day 61 on, the epoch is 1899-12-30.
  const epoch = days >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(epoch + days * 86_400_000);
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y < 1800 || y > 2200) return null;
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A JavaScript Date read from a date-formatted cell (midnight UTC) → YYYY-MM-DD. */
export function cellDateToIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // Cells hold a wall-clock date; a value a few ms before midnight (floating point) rounds up.
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  const y = rounded.getUTCFullYear();
  if (y < 1800 || y > 2200) return null;
  return `${y}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
}

/** "出口，重点、华东; 老客户" → ["出口", "重点", "华东", "老客户"], duplicates removed. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；|\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** "1,234.5" / "１２３" / " 29.87 " → number; null when the text is not a plain number. */
export function parseNumberText(text: string): number | null {
  const s = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Text of a number as a person expects to see it back: 13800001234 stays 13800001234 (not
 * 1.38e10), 0.1 + 0.2 stays 0.3 as Excel shows it.
 */
export function numberToText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toLocaleString('en-US', { useGrouping: false });
  return String(Number(n.toPrecision(15)));
}

/**
 * Spreadsheet programs run a cell starting with = + - @ as a formula. Exports prefix such text with
 * an apostrophe (OWASP's advice against formula injection); an import takes the apostrophe off
 * again, so a round trip keeps "+86 574 …" intact.
 */
export function escapeFormulaText(text: string): string {
  // Text that already starts with apostrophes before such a character gets one more, so the
  // unescape below is exact for every input.
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function unescapeFormulaText(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
