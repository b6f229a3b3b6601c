import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bomEncoding, createEncodingDetector, detectTextEncoding } from './text-encoding';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
// 宁波怡信 in GB18030 (= GBK for these characters), and U+20000 𠀀, which needs four bytes.
const gbNingbo = [0xc4, 0xfe, 0xb2, 0xa8, 0xe2, 0xf9, 0xd0, 0xc5];
const gbFourByte = [0x95, 0x32, 0x82, 0x36];

describe('bomEncoding', () => {
  it('recognises UTF-8 and UTF-16 byte-order marks', () => {
    expect(bomEncoding(bytes([0xef, 0xbb, 0xbf], 'a'))).toBe('utf-8-bom');
    expect(bomEncoding(bytes([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(bomEncoding(bytes([0xfe, 0xff, 0, 0x41]))).toBe('utf-16be');
    expect(bomEncoding(utf8('客户名称'))).toBeNull();
  });
});

describe('detectTextEncoding', () => {
  it('reads plain ASCII and Chinese UTF-8 as UTF-8', () => {
    expect(detectTextEncoding(utf8('name,phone\n'))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(detectTextEncoding(utf8('客户名称,电话\n宁波怡信,0574-1\n'))).toEqual({
      ok: true,
      encoding: 'utf-8',
    });
  });

  it('reads UTF-8 with a BOM as utf-8-bom', () => {
    expect(detectTextEncoding(bytes([0xef, 0xbb, 0xbf], [...utf8('客户名称\n')]))).toEqual({
      ok: true,
      encoding: 'utf-8-bom',
    });
  });

  it('reads what Chinese Excel saves (GBK / GB18030, including four-byte characters) as GB18030', () => {
    expect(detectTextEncoding(bytes('name\n', gbNingbo, ',', gbFourByte, '\n'))).toEqual({
      ok: true,
      encoding: 'gb18030',
    });
    // 0x80 is the euro sign in code page 936.
    expect(detectTextEncoding(bytes(gbNingbo, [0x80]))).toEqual({ ok: true, encoding: 'gb18030' });
  });

  it('refuses bytes that are neither, naming the line where the furthest reading broke', () => {
    const verdict = detectTextEncoding(bytes('a,b\n', gbNingbo, '\nc', [0xff], 'd\n'));
    expect(verdict).toEqual({ ok: false, invalidAt: { offset: 14, line: 3 } });
  });

  it('refuses NUL bytes (binary data) and a sequence cut off at the end', () => {
    expect(detectTextEncoding(bytes('a,b\n', [0], 'c')).ok).toBe(false);
    expect(detectTextEncoding(bytes('a,', [0xe5, 0xae, 0xa2, 0xe6, 0x88])).ok).toBe(false);
    expect(detectTextEncoding(bytes('a,', [0xc4])).ok).toBe(false);
  });

  it('reads bytes that break UTF-8 but form GB18030 pairs as GB18030, and refuses the rest', () => {
    // C0 AF (an overlong "/") is not UTF-8 but is a GB18030 pair.
    expect(detectTextEncoding(bytes([0xc0, 0xaf]))).toEqual({ ok: true, encoding: 'gb18030' });
    // ED 20: a lead byte followed by a space is neither.
    expect(detectTextEncoding(bytes('ab', [0xed, 0x20]))).toEqual({
      ok: false,
      invalidAt: { offset: 3, line: 1 },
    });
  });

  it('trusts a UTF-16 byte-order mark', () => {
    expect(detectTextEncoding(bytes([0xff, 0xfe], [0x41, 0, 0x2c, 0]))).toEqual({
      ok: true,
      encoding: 'utf-16le',
    });
  });

  it('gives the same verdict however the file is split into chunks', () => {
    const samples = [
      utf8('客户名称,电话\n宁波怡信,0574\n'),
      bytes('x\n', gbNingbo, gbFourByte, '\n'),
      bytes('a\n', gbNingbo, '\n', [0xff]),
      bytes([0xef, 0xbb, 0xbf], [...utf8('名称\n')]),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.nat(40), { maxLength: 6 }), (sample, cuts) => {
        const d = createEncodingDetector();
        const points = [...new Set(cuts.map((c) => c % (sample.length + 1)))].sort((a, b) => a - b);
        let last = 0;
        for (const p of [...points, sample.length]) {
          d.push(sample.subarray(last, p));
          last = p;
        }
        expect(d.finish()).toEqual(detectTextEncoding(sample));
      }),
    );
  });

  it('any valid UTF-8 text is detected as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const verdict = detectTextEncoding(utf8(s.replaceAll('\0', '')));
        expect(verdict).toEqual({ ok: true, encoding: 'utf-8' });
      }),
    );
  });
});
