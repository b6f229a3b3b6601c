// Times the search data computed for each saved customer (lexemes + pinyin key) on 10,000
// realistic names. Run: `npx tsx scripts/measure-search-keys.ts` (prints JSON).
//  - `separate`: buildSearchLexemes + pinyinKey, as searchDataFor called them until issue 3's
//    polish: the customer's name went through pinyin-pro twice;
//  - `once`: buildSearchIndex, which converts every name once and derives both from it.
import { performance } from 'node:perf_hooks';
import * as searchTokens from '../packages/domain/src/search-tokens';

const regions = ['宁波', '杭州', '深圳', '重庆', '长沙', '厦门', '苏州', '青岛', '成都', '武汉'];
const brands = ['怡信', '鑫源', '华为', '长虹', '银行', '乐行', '恒通', '重工', '调和', '朝阳', '3M', 'ABB'];
const trades = ['电子科技', '贸易', '光电', '机械制造', '物流', '食品', '建材', '医药', '软件', '服装'];
const suffixes = ['有限公司', '股份有限公司', '有限责任公司', '（中国）有限公司', '集团', ''];
const people = ['陈国华', '刘晓燕', '王强', '李娜', '张伟', '单于', '曾凡', '覃敏'];

/** Deterministic: the same 10,000 names every run. */
function* names(count: number) {
  let seed = 20261125;
  const pick = <T>(xs: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return xs[seed % xs.length]!;
  };
  for (let i = 0; i < count; i++) {
    const name = `${pick(regions)}${pick(brands)}${pick(trades)}${pick(suffixes)}`;
    yield {
      name,
      shortName: `${pick(brands)}${pick(trades).slice(0, 2)}`,
      contacts: [pick(people), pick(people)],
      phone: `1380000${String(i).padStart(4, '0')}`,
    };
  }
}

type Source = ReturnType<typeof names> extends Generator<infer T> ? T : never;
const sources: Source[] = [...names(10_000)];

type Index = { lexemes: string[]; pinyinKey: string };
const variants: Record<string, (s: Source) => Index> = {
  separate: (s) => ({
    lexemes: searchTokens.buildSearchLexemes({
      names: [s.name, s.shortName, ...s.contacts],
      phones: [s.phone],
      codes: [],
    }),
    pinyinKey: searchTokens.pinyinKey(s.name),
  }),
};
// Present from the change on; absent when measuring the code before it.
const once = (searchTokens as { buildSearchIndex?: (src: searchTokens.SearchSource) => Index })
  .buildSearchIndex;
if (once)
  variants.once = (s) => once({ names: [s.name, s.shortName, ...s.contacts], phones: [s.phone], codes: [] });

function run(fn: (s: Source) => Index): number {
  const t0 = performance.now();
  for (const s of sources) fn(s);
  return performance.now() - t0;
}

const results: Record<string, { msPer10k: number; usPerCustomer: number }> = {};
for (const [label, fn] of Object.entries(variants)) {
  run(fn); // warm up: pinyin-pro's dictionaries and the JIT
  const times = [run(fn), run(fn), run(fn), run(fn), run(fn)].sort((a, b) => a - b);
  const median = times[2]!;
  results[label] = {
    msPer10k: Math.round(median * 10) / 10,
    usPerCustomer: Math.round((median / sources.length) * 1000 * 10) / 10,
  };
}
if (variants.once) {
  // The outputs must be the same, customer by customer.
  const differing = sources.filter(
    (s) => JSON.stringify(variants.separate!(s)) !== JSON.stringify(variants.once!(s)),
  ).length;
  Object.assign(results, { differing });
}
process.stdout.write(
  `${JSON.stringify({ customers: sources.length, node: process.version, results }, null, 2)}\n`,
);
