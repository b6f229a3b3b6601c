/**
 * Money as people write it (1,234.50 / ¥1234.5 / 1234.5元 / 1.2万元) read into integer fen (分),
 * and fen shown back as ¥1,234.50. Arithmetic is on integers (BigInt while parsing) so no amount
 * passes through a binary float: 0.1 + 0.2 yuan is 30 fen, exactly. Parsers return a reason
 * instead of a silently rounded value: 12.345 yuan is not 1,234 or 1,235 fen, it is a mistake.
 */

/** Largest amount one order line may carry: just under 1 trillion yuan, well inside 2^53. */
export const maxAmountFen = 99_999_999_999_999;
/** numeric(14,3): 11 integer digits and 3 decimals. */
export const maxQuantity = 99_999_999_999.999;

export type MoneyParse =
  | { ok: true; fen: number }
  | { ok: false; reason: 'format' | 'negative' | 'too_precise' | 'too_large' };

export type QuantityParse =
  | { ok: true; quantity: string }
  | { ok: false; reason: 'format' | 'not_positive' | 'too_precise' | 'too_large' };

interface Decimal {
  negative: boolean;
  /** All significant digits, no point: 1234.50 → "123450". */
  digits: string;
  /** Power of ten the digits are scaled by: 1234.50 → -2. */
  exponent: number;
}

/** "1,234.5", "1234.", ".5", "1.2E+06" (Excel's CSV for wide numbers) → exact decimal, or null. */
function readDecimal(text: string): Decimal | null {
  let s = text;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    // Accountants' negative: (1,234.50)
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:e([-+]?\d{1,3}))?$/i.exec(s);
  if (!m) return null;
  const int = (m[1] ?? '').replaceAll(',', '');
  const frac = m[2] ?? '';
  if (int === '' && frac === '') return null;
  return { negative, digits: `${int}${frac}` || '0', exponent: Number(m[3] ?? 0) - frac.length };
}

/** digits × 10^(exponent + shift) as an integer, or null when that drops non-zero digits. */
function scaleExact(d: Decimal, shift: number): bigint | null {
  const e = d.exponent + shift;
  const n = BigInt(d.digits);
  if (e >= 0) return n * 10n ** BigInt(e);
  const div = 10n ** BigInt(-e);
  return n % div === 0n ? n / div : null;
}

/** Currency words before or after the number, and 万 (ten thousand) as a unit. */
function stripCurrency(text: string): { body: string; shift: number } | null {
  let s = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(?:¥|RMB|CNY|人民币)/i, '');
  // The sign may come before the currency symbol: -¥12.00
  s = s.replace(/^([-+−])(?:¥|RMB|CNY)/i, '$1');
  s = s.replace(/(?:元整|元|圆|RMB|CNY)$/i, '');
  let shift = 2; // yuan → fen
  if (s.endsWith('万')) {
    shift += 4;
    s = s.slice(0, -1);
  }
  return s ? { body: s, shift } : null;
}

/** A money text in yuan → fen. Blank text is a format error: callers decide whether it is required. */
export function parseMoneyText(text: string): MoneyParse {
  const stripped = stripCurrency(text);
  const d = stripped && readDecimal(stripped.body);
  if (!stripped || !d) return { ok: false, reason: 'format' };
  const fen = scaleExact(d, stripped.shift);
  if (fen === null) return { ok: false, reason: 'too_precise' };
  if (d.negative && fen !== 0n) return { ok: false, reason: 'negative' };
  if (fen > BigInt(maxAmountFen)) return { ok: false, reason: 'too_large' };
  return { ok: true, fen: Number(fen) };
}

/**
 * A number read from a spreadsheet cell, in yuan → fen. Excel stores 1234.5 as a binary double and
 * a formula's result may be 0.30000000000000004: the cell is read at 15 significant digits, as
 * Excel itself shows it, then parsed as text.
 */
export function moneyFromNumber(yuan: number): MoneyParse {
  if (!Number.isFinite(yuan)) return { ok: false, reason: 'format' };
  return parseMoneyText(String(Number(yuan.toPrecision(15))));
}

/** A quantity (> 0, at most 3 decimals) → its canonical decimal text: "1,200.50" → "1200.5". */
export function parseQuantityText(text: string): QuantityParse {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  const d = readDecimal(s);
  if (!d) return { ok: false, reason: 'format' };
  const thousandths = scaleExact(d, 3);
  if (thousandths === null) return { ok: false, reason: 'too_precise' };
  if (d.negative || thousandths === 0n) return { ok: false, reason: 'not_positive' };
  if (thousandths > BigInt(Math.round(maxQuantity * 1000))) return { ok: false, reason: 'too_large' };
  const whole = thousandths / 1000n;
  const rest = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return { ok: true, quantity: rest ? `${whole}.${rest}` : `${whole}` };
}

export function quantityFromNumber(n: number): QuantityParse {
  if (!Number.isFinite(n)) return { ok: false, reason: 'format' };
  return parseQuantityText(String(Number(n.toPrecision(15))));
}

/** 123450 → "¥1,234.50"; -5 → "-¥0.05". */
export function formatFen(fen: number | bigint, opts: { symbol?: boolean } = {}): string {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${n < 0n ? '-' : ''}${opts.symbol === false ? '' : '¥'}${yuan}.${cents}`;
}

/** 123450 → "1234.50": what an amount input shows for editing. */
export function fenToYuanText(fen: number | bigint): string {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
