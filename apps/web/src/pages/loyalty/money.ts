/**
 * Amounts on screen: fen (分, integers from the API) shown as ¥1,234.50, and what a user types in
 * yuan read back into fen. Integer arithmetic on the digits, never a float multiply, so 0.29 yuan
 * is 29 fen and not 28.999…. The server parses spreadsheets with its own (richer) parser; a form
 * takes plain yuan with at most two decimals.
 */

export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/** 123450 → "1234.50": the value an amount input starts with when editing. */
export function fenToYuanInput(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** "1,234.5" / "¥1234.50" / "１２３４" → 123450; null for negatives, more than two decimals or text. */
export function yuanInputToFen(text: string): number | null {
  const s = text
    .normalize('NFKC')
    .replace(/[\s,¥]/g, '')
    .replace(/元$/, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Quantities come back as numbers with up to three decimals; shown without trailing zeros. */
export function formatQuantity(q: number): string {
  return String(Number(q.toFixed(3)));
}
