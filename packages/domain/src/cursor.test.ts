import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';
import { etagFor, parseIfMatch } from './if-match';

describe('keyset cursors', () => {
  it('round-trip any string/number/null tuple', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const cursor = encodeCursor(values);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor, values.length)).toEqual(values);
      }),
    );
  });

  it('rejects forged, truncated or wrongly shaped cursors', () => {
    expect(decodeCursor('not-base64-json', 1)).toBeNull();
    expect(decodeCursor(encodeCursor(['a', 'b']), 1)).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 1)).toBeNull();
    expect(decodeCursor(Buffer.from('[{"x":1}]').toString('base64url'), 1)).toBeNull();
  });
});

describe('If-Match', () => {
  it('reads quoted, weak and bare versions', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch('7')).toBe(7);
    expect(parseIfMatch(etagFor(42))).toBe(42);
  });

  it('treats absence as null and garbage as undefined', () => {
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch('  ')).toBeNull();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch('"abc"')).toBeUndefined();
    expect(parseIfMatch('"0"')).toBeUndefined();
  });
});
