import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fenToYuanText,
  formatFen,
  maxAmountFen,
  moneyFromNumber,
  parseMoneyText,
  parseQuantityText,
  quantityFromNumber,
} from './money';

describe('parseMoneyText', () => {
  it.each([
    ['1,234.50', 123450],
    ['¥1234.5', 123450],
    ['￥1,234.50', 123450],
    ['1234.5元', 123450],
    ['1234.50 元', 123450],
    ['RMB 1,234', 123400],
    ['CNY1234.56', 123456],
    ['人民币100元整', 10000],
    ['1.2万', 1200000],
    ['1.25万元', 1250000],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    ['0', 0],
    ['-0', 0],
    ['１２３４．５', 123450],
    ['12.300', 1230],
    ['1.2E+06', 120000000],
    ['  88  ', 8800],
  ])('reads %s as %i fen', (text, fen) => {
    expect(parseMoneyText(text)).toEqual({ ok: true, fen });
  });

  it('refuses negatives, fractions of a fen, too much and non-numbers, saying why', () => {
    expect(parseMoneyText('-12.00')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoneyText('-¥12.00')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoneyText('(1,234.50)')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoneyText('12.345')).toEqual({ ok: false, reason: 'too_precise' });
    expect(parseMoneyText('1.2345678万')).toEqual({ ok: false, reason: 'too_precise' });
    expect(parseMoneyText('1000000000000')).toEqual({ ok: false, reason: 'too_large' });
    for (const bad of ['', '元', '¥', 'abc', '12,34', '1,2345.00', '1.2.3', '12$', '--5', '一百'])
      expect(parseMoneyText(bad)).toEqual({ ok: false, reason: 'format' });
  });

  it('reads Excel number cells at the precision Excel shows', () => {
    expect(moneyFromNumber(1234.5)).toEqual({ ok: true, fen: 123450 });
    expect(moneyFromNumber(0.1 + 0.2)).toEqual({ ok: true, fen: 30 });
    expect(moneyFromNumber(19.99 * 3)).toEqual({ ok: true, fen: 5997 });
    expect(moneyFromNumber(-1)).toEqual({ ok: false, reason: 'negative' });
    expect(moneyFromNumber(Number.NaN)).toEqual({ ok: false, reason: 'format' });
    expect(moneyFromNumber(1e20)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('round-trips every amount through its display and its input text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxAmountFen }), (fen) => {
        expect(parseMoneyText(formatFen(fen))).toEqual({ ok: true, fen });
        expect(parseMoneyText(fenToYuanText(fen))).toEqual({ ok: true, fen });
        expect(parseMoneyText(`${fenToYuanText(fen)}元`)).toEqual({ ok: true, fen });
      }),
    );
  });
});

describe('formatFen', () => {
  it('shows yuan with grouping and two decimals', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-5)).toBe('-¥0.05');
    expect(formatFen(123456789012)).toBe('¥1,234,567,890.12');
    expect(formatFen(123450, { symbol: false })).toBe('1,234.50');
    expect(fenToYuanText(123450)).toBe('1234.50');
  });
});

describe('parseQuantityText', () => {
  it.each([
    ['12', '12'],
    ['1,200.50', '1200.5'],
    ['0.001', '0.001'],
    ['2.000', '2'],
    ['１０', '10'],
  ])('reads %s', (text, quantity) => {
    expect(parseQuantityText(text)).toEqual({ ok: true, quantity });
  });

  it('refuses zero, negatives, more than 3 decimals and text', () => {
    expect(parseQuantityText('0')).toEqual({ ok: false, reason: 'not_positive' });
    expect(parseQuantityText('-3')).toEqual({ ok: false, reason: 'not_positive' });
    expect(parseQuantityText('1.0005')).toEqual({ ok: false, reason: 'too_precise' });
    expect(parseQuantityText('100000000000')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseQuantityText('十')).toEqual({ ok: false, reason: 'format' });
    expect(quantityFromNumber(2.5)).toEqual({ ok: true, quantity: '2.5' });
  });
});
