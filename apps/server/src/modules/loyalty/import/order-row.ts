import {
  cellDateToIso,
  channelChoices,
  excelSerialToDate,
  moneyFromNumber,
  numberToText,
  orderDateProblem,
  orderLineRef,
  parseChannelLabel,
  parseDateText,
  parseMoneyText,
  parseQuantityText,
  quantityFromNumber,
} from '@weixi/domain';
import { type OrderImportFieldKey, orderLimits } from '@weixi/shared';
import { type Cell, cellText, columnLetter, isBlank, type SheetRow } from '../../customers/import/cells';
import type { ImportLocale } from '../../customers/import/messages';
import { orderImportMessage } from './order-import-messages';

export interface RowIssue {
  column: string | null;
  code: string;
  message: string;
}

/** What a row says, read and checked cell by cell; customer and product still to be looked up. */
export interface OrderRowValues {
  orderedOn: string;
  customerName: string;
  creditCode: string;
  productCode: string;
  productName: string;
  quantity: string;
  amountFen: number;
  channel: string;
  /** The ERP's reference (with its line number), or null when the row has none. */
  ref: string | null;
  notes: string;
}

export type ParsedOrderRow = { number: number; raw: string[] } & (
  | { ok: true; values: OrderRowValues }
  | { ok: false; issues: RowIssue[] }
);

export interface OrderRowContext {
  locale: ImportLocale;
  headers: string[];
  /** Column index → field key. */
  mapping: Map<number, OrderImportFieldKey>;
  /** Today in the business time zone. */
  today: string;
  defaultChannel: string;
}

const textMax: Partial<Record<OrderImportFieldKey, number>> = {
  customerName: 200,
  creditCode: 40,
  productCode: orderLimits.codeMax,
  productName: orderLimits.nameMax,
  externalRef: orderLimits.externalRefMax - 12,
  lineNo: 10,
  notes: orderLimits.notesMax,
};

/**
 * Reads one spreadsheet row into order values, collecting every problem of every cell so the user
 * fixes them all at once. Pure: no database; the batch writer resolves customers and products.
 */
export function convertOrderRow(row: SheetRow, rc: OrderRowContext): ParsedOrderRow {
  const raw = rc.headers.map((_, i) => cellText(row.cells[i] ?? null));
  const issues: RowIssue[] = [];
  const msg = (code: string, params: Record<string, string | number> = {}) =>
    orderImportMessage(rc.locale, code, params);
  const cells = new Map<OrderImportFieldKey, { cell: Cell; col: number }>();
  for (const [col, key] of rc.mapping) cells.set(key, { cell: row.cells[col] ?? null, col });
  const header = (key: OrderImportFieldKey) => {
    const c = cells.get(key);
    return c ? (rc.headers[c.col] ?? null) : null;
  };
  const problem = (key: OrderImportFieldKey, code: string, params: Record<string, string | number> = {}) =>
    issues.push({ column: header(key), code, message: msg(code, params) });

  /** A cell's value as the spreadsheet computed it; formulas without a result and errors are problems. */
  const usable = (key: OrderImportFieldKey): Cell | undefined => {
    const c = cells.get(key);
    if (!c || isBlank(c.cell)) return undefined;
    const ref = `${columnLetter(c.col)}${row.number}`;
    if (c.cell?.t === 'formula_missing') {
      problem(key, 'formula_without_value', { cell: ref, formula: c.cell.formula });
      return undefined;
    }
    if (c.cell?.t === 'error') {
      problem(key, 'cell_error', { cell: ref, value: c.cell.v });
      return undefined;
    }
    return c.cell;
  };
  const text = (key: OrderImportFieldKey): string => {
    const cell = usable(key);
    if (cell === undefined) return '';
    const s = (cell?.t === 'number' ? numberToText(cell.v) : cellText(cell)).trim();
    const max = textMax[key];
    if (max !== undefined && s.length > max) {
      problem(key, 'too_long', { max });
      return '';
    }
    return s;
  };

  // Date: a date cell, an Excel serial number, or text in the forms offices write.
  let orderedOn = '';
  const dateCell = usable('orderedOn');
  if (dateCell === undefined) {
    if (!issues.some((i) => i.column === header('orderedOn'))) problem('orderedOn', 'required');
  } else {
    const shown = cellText(dateCell);
    const date =
      dateCell?.t === 'date'
        ? cellDateToIso(dateCell.v)
        : dateCell?.t === 'number'
          ? excelSerialToDate(dateCell.v)
          : (() => {
              const p = parseDateText(shown);
              if (!p.ok)
                problem('orderedOn', p.reason === 'impossible' ? 'impossible_date' : 'invalid_date', {
                  value: shown,
                });
              return p.ok ? p.date : null;
            })();
    if (date) {
      const why = orderDateProblem(date, rc.today, orderLimits.futureToleranceDays);
      if (why === 'in_future') problem('orderedOn', 'date_in_future', { value: shown, today: rc.today });
      else if (why === 'too_old') problem('orderedOn', 'date_too_old', { value: shown });
      else if (why === 'impossible') problem('orderedOn', 'impossible_date', { value: shown });
      else orderedOn = date;
    } else if (dateCell?.t !== 'text') problem('orderedOn', 'invalid_date', { value: shown });
  }

  // Amount in yuan: Excel number cells at Excel's own precision, text as people write money.
  let amountFen = 0;
  const amountCell = usable('amount');
  if (amountCell === undefined) {
    if (!issues.some((i) => i.column === header('amount'))) problem('amount', 'required');
  } else {
    const shown = cellText(amountCell);
    const m = amountCell?.t === 'number' ? moneyFromNumber(amountCell.v) : parseMoneyText(shown);
    if (m.ok) amountFen = m.fen;
    else
      problem(
        'amount',
        m.reason === 'format'
          ? 'invalid_amount'
          : m.reason === 'negative'
            ? 'negative_amount'
            : `amount_${m.reason}`,
        { value: shown },
      );
  }

  let quantity = '';
  const quantityCell = usable('quantity');
  if (quantityCell === undefined) {
    if (!issues.some((i) => i.column === header('quantity'))) problem('quantity', 'required');
  } else {
    const shown = cellText(quantityCell);
    const q = quantityCell?.t === 'number' ? quantityFromNumber(quantityCell.v) : parseQuantityText(shown);
    if (q.ok) quantity = q.quantity;
    else
      problem('quantity', q.reason === 'format' ? 'invalid_quantity' : `quantity_${q.reason}`, {
        value: shown,
      });
  }

  let channel = rc.defaultChannel;
  const channelText = text('channel');
  if (channelText) {
    const c = parseChannelLabel(channelText);
    if (c) channel = c;
    else problem('channel', 'invalid_channel', { value: channelText, choices: channelChoices(rc.locale) });
  }

  const customerName = text('customerName');
  const creditCode = text('creditCode');
  if (
    !customerName &&
    !creditCode &&
    !issues.some((i) => i.column === header('customerName') || i.column === header('creditCode'))
  )
    issues.push({
      column: header('customerName') ?? header('creditCode'),
      code: 'customer_missing',
      message: msg('customer_missing'),
    });
  const productCode = text('productCode');
  const productName = text('productName');
  if (
    !productCode &&
    !productName &&
    !issues.some((i) => i.column === header('productCode') || i.column === header('productName'))
  )
    issues.push({
      column: header('productCode') ?? header('productName'),
      code: 'product_missing',
      message: msg('product_missing'),
    });

  const refText = text('externalRef');
  const lineNo = text('lineNo');
  const notes = text('notes');

  if (issues.length) return { number: row.number, raw, ok: false, issues };
  return {
    number: row.number,
    raw,
    ok: true,
    values: {
      orderedOn,
      customerName,
      creditCode,
      productCode,
      productName,
      quantity,
      amountFen,
      channel,
      ref: refText ? orderLineRef(refText, lineNo || null) : null,
      notes,
    },
  };
}
