import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './dedupe';
import {
  buildSearchIndex,
  buildSearchLexemes,
  buildSearchQuery,
  pinyinKey,
  type SearchSource,
} from './search-tokens';

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
    // Punctuation splits a word as it splits names into lexemes; lone letters are initials.
    expect(buildSearchQuery("a'b & c | !d:*")?.tsquery).toBe("'a':* & 'b':* & 'c':* & 'd':*");
    expect(buildSearchQuery("o'brien")?.tsquery).toBe("'brien':*");
    expect(buildSearchQuery('  &|!()  ')).toBeNull();
  });
});

describe('search queries with mixed Chinese, latin, digits and punctuation', () => {
  it.each([
    // Punctuation separates terms like a space; the LIKE re-check covers the Han run only.
    ['导入旅程甲-abc', "('导入' & '入旅' & '旅程' & '程甲') & 'abc':*", '导入旅程甲'],
    ['3M中国', "'3m':* & '中国'", null],
    ['ABB中国', "'abb':* & '中国'", null],
    // Single letters beside Chinese are not lexemes of any name (A&B贸易 keeps 贸易 only).
    ['A&B贸易', "'贸易'", null],
    ['华为-深圳', "'华为' & '深圳'", null],
    ['(中国)', "'中国'", null],
    ['（中国）', "'中国'", null],
    ['西门子（中国）', "('西门' & '门子') & '中国'", '西门子'],
    ['宁波怡信电子-NB01', "('宁波' & '波怡' & '怡信' & '信电' & '电子') & 'nb01':*", '宁波怡信电子'],
    ['华为2024', "'华为' & '2024':*", null],
    ['3号楼', "'号楼'", null],
    // Digits with phone separators: one number (a phone) or groups (a name's digits).
    ['宁波 0574-8765', "'宁波' & ('05748765':* | '0574':* & '8765':*)", null],
    ['ＡＢＣ科技', "'abc':* & '科技'", null],
  ])('%s', (input, tsquery, recheck) => {
    expect(buildSearchQuery(input)).toEqual({ tsquery, recheck });
  });

  it('re-checks the longest run of 3+ Han characters when several are typed', () => {
    expect(buildSearchQuery('宁波怡信-杭州分公司')?.recheck).toBe('杭州分公司');
    expect(buildSearchQuery('宁波怡信 杭州')?.recheck).toBe('宁波怡信');
  });

  /** The literals of a tsquery built here: exact ('x') and prefix ('x':*) ones; OR-groups as alternatives. */
  function matches(tsquery: string, lexemes: readonly string[]): boolean {
    const literal = (text: string) => {
      const m = /^'((?:[^']|'')*)'(:\*)?$/.exec(text.trim());
      if (!m) throw new Error(`unexpected literal ${text}`);
      const term = m[1]!.replaceAll("''", "'").replaceAll('\\\\', '\\');
      return m[2] ? lexemes.some((l) => l.startsWith(term)) : lexemes.includes(term);
    };
    const conj = (text: string): boolean =>
      text
        .split(' & ')
        .map((t) => t.replace(/^\(|\)$/g, ''))
        .every((t) => literal(t));
    // Top level: AND of literals, bigram groups (AND) and number groups (OR of AND).
    const parts = tsquery.match(/\([^()]*\)|'(?:[^']|'')*'(?::\*)?/g) ?? [];
    return parts.every((p) => (p.includes(' | ') ? p.slice(1, -1).split(' | ').some(conj) : conj(p)));
  }

  const han = fc.constantFrom(...'宁波怡信电子重庆银行长沙华为深圳中国贸易科技有限公司乐行调和'.split(''));
  const other = fc.constantFrom(...'abcxyzABC0123456789-&()（）·. '.split(''));
  const names = fc
    .array(fc.oneof(han, han, other), { minLength: 1, maxLength: 16 })
    .map((cs) => cs.join(''))
    .filter((s) => /\p{Script=Han}/u.test(s));

  it('typing a name in full always finds it (its terms are its lexemes; the re-check is inside it)', () => {
    fc.assert(
      fc.property(names, (name) => {
        const q = buildSearchQuery(name);
        if (!q) return;
        expect(matches(q.tsquery, buildSearchLexemes({ names: [name] }))).toBe(true);
        if (q.recheck) expect(name.normalize('NFKC').toLowerCase()).toContain(q.recheck);
      }),
      { numRuns: 300 },
    );
  });

  it('so does any part of a name typed between its punctuation', () => {
    fc.assert(
      fc.property(names, fc.nat(), fc.nat(), (name, a, b) => {
        const chars = [...name];
        const part = chars.slice(Math.min(a, b) % chars.length, (Math.max(a, b) % chars.length) + 1).join('');
        // Cutting inside a latin word or number changes it; Han runs can be cut anywhere.
        if (!/^\p{Script=Han}+$/u.test(part)) return;
        const q = buildSearchQuery(part);
        expect(q && matches(q.tsquery, buildSearchLexemes({ names: [name] }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- computing pinyin once: the outputs must not change ----

/** searchDataFor's two calls before pinyin was computed once per name, frozen as they were. */
const legacy = (() => {
  const maxSuffixes = 12;
  const clean = (s: string) => s.normalize('NFKC').toLowerCase();
  const hanRuns = (s: string) => s.match(/\p{Script=Han}+/gu) ?? [];
  const latinWords = (s: string) => (s.match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 2);
  function cjkGrams(s: string, into: Set<string>) {
    for (const run of hanRuns(s)) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        into.add(chars[i]!);
        if (i + 1 < chars.length) into.add(chars[i]! + chars[i + 1]!);
      }
    }
  }
  function pinyinSuffixes(s: string, into: Set<string>) {
    for (const run of hanRuns(s)) {
      const full = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((p) => p.toLowerCase());
      const first = full.map((p) => p[0] ?? '');
      for (let i = 0; i < full.length && i < maxSuffixes; i++) {
        into.add(full.slice(i).join(''));
        into.add(first.slice(i).join(''));
      }
    }
  }
  return {
    lexemes(source: SearchSource): string[] {
      const out = new Set<string>();
      for (const raw of source.names) {
        if (!raw) continue;
        const name = clean(raw);
        cjkGrams(name, out);
        pinyinSuffixes(name, out);
        for (const w of latinWords(name)) out.add(w);
      }
      for (const raw of source.phones ?? []) {
        if (!raw) continue;
        const digits = normalizePhone(raw);
        if (digits) out.add(digits);
      }
      for (const raw of source.codes ?? []) if (raw) out.add(clean(raw).replace(/[\s-]/g, ''));
      return [...out].filter((t) => t.length > 0 && t.length <= 200);
    },
    pinyinKey(name: string): string {
      const runs = hanRuns(clean(name));
      if (runs.length === 0) return clean(name).replace(/[^a-z0-9]/g, '');
      const full = runs
        .flatMap((r) => pinyin(r, { toneType: 'none', type: 'array', v: true }))
        .map((p) => p.toLowerCase());
      return `${full.join('')} ${full.map((p) => p[0] ?? '').join('')}`;
    },
  };
})();

describe('buildSearchIndex (pinyin once per name)', () => {
  const fixed: SearchSource[] = [
    { names: ['宁波怡信电子科技有限公司', '怡信', '陈国华', '刘晓燕'], phones: ['0574-88880001'], codes: [] },
    {
      names: ['重庆银行股份有限公司', '重庆银行', '曾凡'],
      phones: ['+86 138 0000 1234'],
      codes: ['91500000202869177Y'],
    },
    { names: ['长沙长虹调和乐行贸易', '长虹'], phones: [], codes: [] },
    { names: ['ABB（中国）有限公司', 'ABB', 'Hans Müller'], phones: ['021-12345678'], codes: [] },
    { names: ['3M中国', '', null, '单于'], phones: [null, ''], codes: [null] },
    { names: ['导入旅程甲-abc', 'abc'], phones: [], codes: ['91350100M000100Y43'] },
    { names: ['ＡＢＣ科技（深圳）', '华为-深圳'], phones: ['0086 755 1234 5678'], codes: [] },
    { names: ['Acme Trading Co.', 'ACME'], phones: [], codes: [] },
    { names: ['', '宁波'], phones: [], codes: [] },
    { names: ['朝阳区朝阳门外大街行长行', '厦门厦华'], phones: [], codes: [] },
    { names: ['一二三四五六七八九十百千万亿兆京垓秭穰沟涧正载', '十'], phones: [], codes: [] },
  ];

  it.each(fixed.map((s) => [s.names[0] ?? '(none)', s] as const))(
    '%s: same lexemes and key as before',
    (_, source) => {
      expect(buildSearchIndex(source)).toEqual({
        lexemes: legacy.lexemes(source),
        pinyinKey: legacy.pinyinKey(source.names[0] ?? ''),
      });
      expect(buildSearchLexemes(source)).toEqual(legacy.lexemes(source));
      expect(pinyinKey(source.names[0] ?? '')).toBe(legacy.pinyinKey(source.names[0] ?? ''));
    },
  );

  it('same outputs as before for any mix of names, repeats included', () => {
    const char = fc.constantFrom(...'宁波怡信重庆银行长行朝阳调和乐单于曾华为中国abcABC019-（） '.split(''));
    const name = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), (names) => {
        const source = { names };
        expect(buildSearchIndex(source)).toEqual({
          lexemes: legacy.lexemes(source),
          pinyinKey: legacy.pinyinKey(names[0]!),
        });
      }),
      { numRuns: 200 },
    );
  });
});
