import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellDateToIso,
  escapeFormulaText,
  excelSerialToDate,
  numberToText,
  parseDateText,
  parseNumberText,
  splitTags,
  unescapeFormulaText,
} from './import-values';

describe('parseDateText', () => {
  it.each([
    ['2026-11-25', '2026-11-25'],
    ['2026/11/25', '2026-11-25'],
    ['2026/1/5', '2026-01-05'],
    ['2026.11.25', '2026-11-25'],
    ['2026年11月25日', '2026-11-25'],
    ['2026 年 1 月 5 日', '2026-01-05'],
    ['２０２６－１１－２５', '2026-11-25'],
    ['20261125', '2026-11-25'],
    ['2026/11/25 0:00', '2026-11-25'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s', (text, iso) => {
    expect(parseDateText(text)).toEqual({ ok: true, date: iso });
  });

  it('tells an impossible date from an unreadable one', () => {
    expect(parseDateText('2026-02-30')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateText('2025年2月29日')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateText('2026-13-01')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateText('1700-01-01')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateText('25/11/2026')).toEqual({ ok: false, reason: 'format' });
    expect(parseDateText('去年')).toEqual({ ok: false, reason: 'format' });
  });

  it('round-trips every real date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-');
          expect(parseDateText(iso)).toEqual({ ok: true, date: iso });
          expect(parseDateText(`${Number(y)}年${Number(m)}月${Number(day)}日`)).toEqual({
            ok: true,
            date: iso,
          });
        },
      ),
    );
  });
});

describe('excelSerialToDate', () => {
  it('converts Excel day numbers, dropping the time of day', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(43832)).toBe('2020-01-02');
    expect(excelSerialToDate(46351.75)).toBe('2026-11-25');
    expect(excelSerialToDate(0)).toBeNull();
    expect(excelSerialToDate(Number.NaN)).toBeNull();
    expect(excelSerialToDate(1e9)).toBeNull();
  });
});

describe('cellDateToIso', () => {
  it('reads the wall-clock date of a date cell', () => {
    expect(cellDateToIso(new Date('2020-01-02T00:00:00Z'))).toBe('2020-01-02');
    expect(cellDateToIso(new Date('2020-01-01T23:59:59.9995Z'))).toBe('2020-01-02');
    expect(cellDateToIso(new Date(Number.NaN))).toBeNull();
  });
});

describe('splitTags', () => {
  it('splits on Chinese and Latin separators and drops blanks and repeats', () => {
    expect(splitTags('出口，重点、华东; 老客户;;重点')).toEqual(['出口', '重点', '华东', '老客户']);
    expect(splitTags(' ')).toEqual([]);
  });
});

describe('numbers', () => {
  it('reads plain numbers, with thousands separators and full-width digits', () => {
    expect(parseNumberText('1,234.5')).toBe(1234.5);
    expect(parseNumberText(' 29.87 ')).toBe(29.87);
    expect(parseNumberText('１２３')).toBe(123);
    expect(parseNumberText('-121.5')).toBe(-121.5);
    expect(parseNumberText('12a')).toBeNull();
    expect(parseNumberText('')).toBeNull();
  });

  it('writes numbers as a person reads them', () => {
    expect(numberToText(13800001234)).toBe('13800001234');
    expect(numberToText(0.1 + 0.2)).toBe('0.3');
    expect(numberToText(-5)).toBe('-5');
  });
});

describe('formula escaping', () => {
  it('prefixes text a spreadsheet would run, and an import takes the prefix off again', () => {
    for (const s of ['=1+1', '+86 574 8888', '-3', '@SUM(A1)']) {
      expect(escapeFormulaText(s)).toBe(`'${s}`);
      expect(unescapeFormulaText(escapeFormulaText(s))).toBe(s);
    }
    expect(escapeFormulaText('宁波怡信')).toBe('宁波怡信');
    expect(unescapeFormulaText("'quoted")).toBe("'quoted");
  });

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unescapeFormulaText(escapeFormulaText(s))).toBe(s);
      }),
    );
  });
});
