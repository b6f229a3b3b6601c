import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatFen, formatQuantity, yuanInputToFen } from './money';

describe('amounts on screen', () => {
  it('shows fen as yuan with grouping and two decimals', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(123456789012)).toBe('¥1,234,567,890.12');
  });
  it('reads typed yuan into fen exactly', () => {
    expect(yuanInputToFen('1234.5')).toBe(123450);
    expect(yuanInputToFen('1,234.50')).toBe(123450);
    expect(yuanInputToFen('¥0.29')).toBe(29);
    expect(yuanInputToFen('88元')).toBe(8800);
    expect(yuanInputToFen('１２')).toBe(1200);
    expect(yuanInputToFen('0')).toBe(0);
    for (const bad of ['', '-1', '1.234', 'abc', '1.2.3']) expect(yuanInputToFen(bad)).toBeNull();
  });
  it('round-trips every amount through the edit input', () => {
    for (const fen of [0, 1, 29, 99, 100, 123450, 999999999])
      expect(yuanInputToFen(fenToYuanInput(fen))).toBe(fen);
  });
  it('shows quantities without trailing zeros', () => {
    expect(formatQuantity(12.5)).toBe('12.5');
    expect(formatQuantity(3)).toBe('3');
    expect(formatQuantity(0.001)).toBe('0.001');
  });
});
