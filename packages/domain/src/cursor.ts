/**
 * Opaque keyset cursors: the sort key values of the last row of a page plus its id.
 * base64url(JSON) keeps them URL-safe; decoding validates shape so a forged cursor is a 400,
 * not a SQL error.
 */
export type CursorValue = string | number | null;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== arity) return null;
    for (const v of parsed) {
      if (v !== null && typeof v !== 'string' && typeof v !== 'number') return null;
    }
    return parsed as CursorValue[];
  } catch {
    return null;
  }
}
