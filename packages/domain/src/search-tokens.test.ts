import { describe, expect, it } from 'vitest';
import { buildSearchLexemes, buildSearchQuery } from './search-tokens';

describe('search lexemes', () => {
  const lex = buildSearchLexemes({
    names: ['宁波怡信电子', '怡信'],
    phones: ['+86 138-0000-1234'],
    codes: ['91350100M000100Y43'],
  });

  it('has every 1- and 2-character Han gram', () => {
    for (const t of ['宁', '波', '怡', '信', '电', '子', '宁波', '波怡', '怡信', '信电', '电子'])
      expect(lex).toContain(t);
  });

  it('has full pinyin and initials from every syllable', () => {
    for (const t of ['ningboyixindianzi', 'yixindianzi', 'dianzi', 'nbyxdz', 'yxdz', 'dz'])
      expect(lex).toContain(t);
  });

  it('has the phone digits and the credit code in lower case', () => {
    expect(lex).toContain('13800001234');
    expect(lex).toContain('91350100m000100y43');
  });

  it('reads polyphones in context (重庆 chongqing, 银行 yinhang)', () => {
    const l = buildSearchLexemes({ names: ['重庆银行'] });
    expect(l).toContain('chongqingyinhang');
    expect(l).toContain('cqyh');
  });

  it('keeps latin words of mixed names', () => {
    expect(buildSearchLexemes({ names: ['ABB（中国）'] })).toContain('abb');
  });
});

describe('search queries', () => {
  it('1 and 2 Han characters are exact lexemes', () => {
    expect(buildSearchQuery('光')).toEqual({ tsquery: "'光'", recheck: null });
    expect(buildSearchQuery('光电')).toEqual({ tsquery: "'光电'", recheck: null });
  });

  it('3+ Han characters are ANDed bigrams with a LIKE re-check', () => {
    expect(buildSearchQuery('宁波怡信')).toEqual({
      tsquery: "('宁波' & '波怡' & '怡信')",
      recheck: '宁波怡信',
    });
  });

  it('pinyin, digits and codes are prefixes', () => {
    expect(buildSearchQuery('NBYX')?.tsquery).toBe("'nbyx':*");
    expect(buildSearchQuery('+86 138 0000')?.tsquery).toBe("'1380000':*");
    expect(buildSearchQuery('0574-8765 43')?.tsquery).toBe("'0574876543':*");
    expect(buildSearchQuery('宁波 0574')?.tsquery).toBe("'宁波' & '0574':*");
    expect(buildSearchQuery('8613800001234')?.tsquery).toBe("'13800001234':*");
  });

  it('strips tsquery syntax so input cannot break the query', () => {
    expect(buildSearchQuery("a'b & c | !d:*")?.tsquery).toBe("'ab':* & 'c':* & 'd':*");
    expect(buildSearchQuery('  &|!()  ')).toBeNull();
  });
});
