/**
 * Which text encoding a CSV file uses. Chinese Excel saves "CSV (逗号分隔)" in the system code page
 * (GBK, a subset of GB18030); "CSV UTF-8" adds a byte-order mark; other tools write plain UTF-8.
 * The bytes decide, not a guess from statistics: UTF-8 has a strict structure that Chinese text in
 * GB18030 practically never satisfies, so a file that is valid UTF-8 is read as UTF-8, otherwise a
 * file that is valid GB18030 as GB18030, and anything else is refused with the position of the first
 * bad byte.
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** The encoding announced by a byte-order mark at the start of the file, if any. */
export function bomEncoding(head: Uint8Array): 'utf-8-bom' | 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Where a byte sequence stopped being valid: byte offset and 1-based line (a CSV row, usually). */
export interface InvalidAt {
  offset: number;
  line: number;
}

interface Checker {
  push(byte: number): boolean;
  /** True when the input may end here (no sequence left half-finished). */
  complete(): boolean;
}

/** RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
function utf8Checker(): Checker {
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  return {
    push(b) {
      if (need > 0) {
        if (b < lo || b > hi) return false;
        need--;
        lo = 0x80;
        hi = 0xbf;
        return true;
      }
      if (b === 0) return false; // a NUL byte means binary data, not text
      if (b < 0x80) return true;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b === 0xe0) [need, lo] = [2, 0xa0];
      else if (b === 0xed) [need, hi] = [2, 0x9f];
      else if (b >= 0xe1 && b <= 0xef) need = 2;
      else if (b === 0xf0) [need, lo] = [3, 0x90];
      else if (b === 0xf4) [need, hi] = [3, 0x8f];
      else if (b >= 0xf1 && b <= 0xf3) need = 3;
      else return false;
      return true;
    },
    complete: () => need === 0,
  };
}

/**
 * GB18030 (which contains GBK and GB2312): one byte 00–80 (80 is the euro sign in Windows code
 * page 936), two bytes 81–FE + 40–7E/80–FE, or four bytes 81–FE 30–39 81–FE 30–39.
 */
function gb18030Checker(): Checker {
  // 0: expecting a lead byte; 1: after a lead; 2: after lead+digit; 3: after lead+digit+lead.
  let state = 0;
  return {
    push(b) {
      switch (state) {
        case 0:
          if (b === 0) return false;
          if (b <= 0x80) return true;
          if (b === 0xff) return false;
          state = 1;
          return true;
        case 1:
          if ((b >= 0x40 && b <= 0x7e) || (b >= 0x80 && b <= 0xfe)) state = 0;
          else if (b >= 0x30 && b <= 0x39) state = 2;
          else return false;
          return true;
        case 2:
          if (b < 0x81 || b > 0xfe) return false;
          state = 3;
          return true;
        default:
          if (b < 0x30 || b > 0x39) return false;
          state = 0;
          return true;
      }
    },
    complete: () => state === 0,
  };
}

export type EncodingVerdict =
  | { ok: true; encoding: TextEncoding }
  | {
      ok: false;
      /** The position that got furthest: most likely where the intended encoding broke. */
      invalidAt: InvalidAt;
    };

/**
 * Feeds a file through UTF-8 and GB18030 checks chunk by chunk (memory stays flat for any size).
 * Files with a UTF-16 byte-order mark are taken at their word: Excel's "Unicode text" is UTF-16.
 */
export function createEncodingDetector() {
  const utf8 = utf8Checker();
  const gb = gb18030Checker();
  let utf8Bad: InvalidAt | null = null;
  let gbBad: InvalidAt | null = null;
  let offset = 0;
  let line = 1;
  let bom: ReturnType<typeof bomEncoding> = null;
  // The first three bytes are held back until the byte-order mark (if any) is known.
  let head: number[] | null = [];

  const check = (bytes: Uint8Array | number[]) => {
    for (let i = 0; i < bytes.length; i++) {
      if (utf8Bad && gbBad) break;
      const b = bytes[i]!;
      if (!utf8Bad && !utf8.push(b)) utf8Bad = { offset: offset + i, line };
      if (!gbBad && !gb.push(b)) gbBad = { offset: offset + i, line };
      if (b === 0x0a) line++;
    }
    offset += bytes.length;
  };
  const decideBom = () => {
    if (!head) return;
    const start = Uint8Array.from(head);
    head = null;
    bom = bomEncoding(start);
    if (bom === 'utf-8-bom') {
      offset = 3;
      check(start.subarray(3));
    } else if (bom === null) check(start);
  };
  const utf16 = () => bom === 'utf-16le' || bom === 'utf-16be';

  return {
    push(chunk: Uint8Array): void {
      let rest = chunk;
      if (head) {
        const take = Math.min(3 - head.length, chunk.length);
        head.push(...chunk.subarray(0, take));
        rest = chunk.subarray(take);
        if (head.length < 3) return;
        decideBom();
      }
      if (!utf16()) check(rest);
    },
    finish(): EncodingVerdict {
      decideBom();
      if (bom === 'utf-16le' || bom === 'utf-16be') return { ok: true, encoding: bom };
      if (!utf8Bad && !utf8.complete()) utf8Bad = { offset, line };
      if (!gbBad && !gb.complete()) gbBad = { offset, line };
      if (!utf8Bad) return { ok: true, encoding: bom ?? 'utf-8' };
      // A BOM promises UTF-8; a file that breaks it is damaged, not GB18030.
      if (!gbBad && !bom) return { ok: true, encoding: 'gb18030' };
      const invalidAt = !gbBad || bom || utf8Bad.offset >= gbBad.offset ? utf8Bad : gbBad;
      return { ok: false, invalidAt };
    },
  };
}

/** One-shot form of `createEncodingDetector` for data already in memory. */
export function detectTextEncoding(bytes: Uint8Array): EncodingVerdict {
  const d = createEncodingDetector();
  d.push(bytes);
  return d.finish();
}
