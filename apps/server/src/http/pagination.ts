import { type CursorValue, decodeCursor, encodeCursor } from '@weixi/domain';
import { fieldError } from './app-error';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decodes a keyset cursor whose last element is a row id. A forged or stale cursor is a 400 on
 * `query.cursor`, never a database error.
 */
export function readCursor(
  cursor: string | undefined,
  arity: number,
): { values: CursorValue[]; id: string } | null {
  if (cursor === undefined) return null;
  const values = decodeCursor(cursor, arity);
  const id = values?.at(-1);
  if (
    !values ||
    typeof id !== 'string' ||
    !uuid.test(id) ||
    values.slice(0, -1).some((v) => typeof v !== 'string')
  ) {
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  }
  return { values, id };
}

/** Cuts the extra row fetched to detect a next page and builds the next cursor from the last row. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  total: number,
  present: (row: Row) => Item,
  cursorOf: (row: Row) => CursorValue[],
): { items: Item[]; nextCursor: string | null; total: number } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
    total,
  };
}
