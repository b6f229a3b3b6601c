import { pinyin } from 'pinyin-pro';
import { normalizePhone } from './dedupe';

/**
 * Search without a Chinese word-segmenter: every record stores app-computed lexemes in a
 * tsvector (GIN-indexed, same on PGlite and PostgreSQL):
 *  - CJK unigrams and bigrams of names: 1- and 2-character searches are exact lexeme hits;
 *    longer terms are ANDed bigrams, re-checked with LIKE;
 *  - full pinyin and pinyin initials from every syllable onwards (ningboyixin, boyixin, …;
 *    nbyx, byx, …), searched as prefixes, so "yixin" and "yx" find 宁波怡信;
 *  - latin words of names, phone digits (prefix), credit code (prefix).
 */

const cjk = /\p{Script=Han}/u;
const maxSuffixes = 12;

function clean(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function hanRuns(s: string): string[] {
  return s.match(/\p{Script=Han}+/gu) ?? [];
}

function latinWords(s: string): string[] {
  return (s.match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 2);
}

function cjkGrams(s: string, into: Set<string>): void {
  for (const run of hanRuns(s)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      into.add(chars[i]!);
      if (i + 1 < chars.length) into.add(chars[i]! + chars[i + 1]!);
    }
  }
}

function pinyinSuffixes(s: string, into: Set<string>): void {
  for (const run of hanRuns(s)) {
    const full = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((p) => p.toLowerCase());
    const first = full.map((p) => p[0] ?? '');
    for (let i = 0; i < full.length && i < maxSuffixes; i++) {
      into.add(full.slice(i).join(''));
      into.add(first.slice(i).join(''));
    }
  }
}

export interface SearchSource {
  names: readonly (string | null | undefined)[];
  phones?: readonly (string | null | undefined)[];
  codes?: readonly (string | null | undefined)[];
}

export function buildSearchLexemes(source: SearchSource): string[] {
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
  for (const raw of source.codes ?? []) {
    if (raw) out.add(clean(raw).replace(/[\s-]/g, ''));
  }
  return [...out].filter((t) => t.length > 0 && t.length <= 200);
}

/** tsquery lexeme literal: quotes doubled, backslashes escaped. */
function lexeme(term: string, prefix: boolean): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

export interface SearchQuery {
  /** Text for a `::tsquery` cast, matched against the lexeme column. */
  tsquery: string;
  /** Substring to re-check with LIKE when bigrams only approximate the term (3+ Han chars). */
  recheck: string | null;
}

/**
 * Builds the query for a user's search box input, or null when nothing searchable remains.
 * Several words (space-separated) must all match.
 */
export function buildSearchQuery(input: string): SearchQuery | null {
  // A phone number typed with spaces, dashes or +86 is one term, not several.
  const compact = clean(input).replace(/[\s\-()（）]/g, '');
  if (/^\+?\d{3,}$/.test(compact)) {
    let digits = compact.replace('+', '');
    if (digits.startsWith('0086')) digits = digits.slice(4);
    else if (digits.startsWith('86') && (compact.startsWith('+') || digits.length === 13))
      digits = digits.slice(2);
    return { tsquery: lexeme(digits, true), recheck: null };
  }
  const words = clean(input)
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{Script=Han}a-z0-9]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return null;
  const parts: string[] = [];
  let recheck: string | null = null;
  for (const w of words) {
    if (cjk.test(w)) {
      const run = [...w.replace(/[^\p{Script=Han}]/gu, '')];
      if (run.length <= 2) parts.push(lexeme(run.join(''), false));
      else {
        const grams: string[] = [];
        for (let i = 0; i + 1 < run.length; i++) grams.push(lexeme(run[i]! + run[i + 1]!, false));
        parts.push(`(${grams.join(' & ')})`);
        recheck = w;
      }
    } else if (/^\d+$/.test(w)) {
      // Digits: a phone or a code typed from its start; +86 forms are normalised like stored ones.
      const digits = w.startsWith('0086')
        ? w.slice(4)
        : w.length === 13 && w.startsWith('86')
          ? w.slice(2)
          : w;
      parts.push(lexeme(digits, true));
    } else {
      parts.push(lexeme(w, true));
    }
  }
  return { tsquery: parts.join(' & '), recheck };
}

/** Full pinyin and initials of a name, space-separated, for ranking prefix matches. */
export function pinyinKey(name: string): string {
  const runs = hanRuns(clean(name));
  if (runs.length === 0) return clean(name).replace(/[^a-z0-9]/g, '');
  const full = runs
    .flatMap((r) => pinyin(r, { toneType: 'none', type: 'array', v: true }))
    .map((p) => p.toLowerCase());
  return `${full.join('')} ${full.map((p) => p[0] ?? '').join('')}`;
}
