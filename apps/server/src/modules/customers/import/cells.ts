import { numberToText } from '@weixi/domain';

/**
 * A spreadsheet cell as the import sees it, whichever file it came from. CSV cells are always
 * text; xlsx cells keep their type so a date cell is read as a date and 13800001234 is not 1.38e10.
 * A formula is never evaluated here: its cached result is the value, and a formula that has no
 * cached result (written by a program, never opened in Excel) is its own kind so it can be rejected.
 */
export type Cell =
  | { t: 'text'; v: string }
  | { t: 'number'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'date'; v: Date }
  | { t: 'formula_missing'; formula: string }
  | { t: 'error'; v: string }
  | null;

export interface SheetRow {
  /** Row number as Excel shows it; the header is row 1. */
  number: number;
  cells: Cell[];
}

/** The text a person sees in the cell (used for previews and the rejected-rows file). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 'text':
      return cell.v;
    case 'number':
      return numberToText(cell.v);
    case 'bool':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'date': {
      const iso = Number.isNaN(cell.v.getTime()) ? '' : cell.v.toISOString();
      // Midnight dates show as dates; anything else keeps its time.
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').slice(0, 19);
    }
    case 'formula_missing':
      return `=${cell.formula}`;
    case 'error':
      return cell.v;
  }
}

export function isBlank(cell: Cell): boolean {
  return cell === null || (cell.t === 'text' && cell.v.trim() === '');
}

/** 0 → A, 25 → Z, 26 → AA: how Excel names columns, for messages such as "cell C7". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
