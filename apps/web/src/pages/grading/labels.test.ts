import { describe, expect, it } from 'vitest';
import { formatYuan } from './labels';

describe('formatYuan', () => {
  it.each([
    [0, '¥0'],
    [100, '¥1'],
    [123_456_789, '¥1,234,567.89'],
    [50_000_000, '¥500,000'],
    [5, '¥0.05'],
    [-150, '-¥1.50'],
  ])('%d fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
