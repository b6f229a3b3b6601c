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

function cjkGrams(runs: readonly string[], into: Set<string>): void {
  for (const run of runs) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      into.add(chars[i]!);
      if (i + 1 < chars.length) into.add(chars[i]! + chars[i + 1]!);
    }
  }
}

/** Lower-case syllables without tones of a run of Han characters, read in context (重庆 chong qing). */
function syllables(run: string): string[] {
  return pinyin(run, { toneType: 'none', type: 'array', v: true }).map((p) => p.toLowerCase());
}

function pinyinSuffixes(perRun: readonly (readonly string[])[], into: Set<string>): void {
  for (const full of perRun) {
    const first = full.map((p) => p[0] ?? '');
    for (let i = 0; i < full.length && i < maxSuffixes; i++) {
      into.add(full.slice(i).join(''));
      into.add(first.slice(i).join(''));
    }
  }
}

/** "<full pinyin> <initials>" of a cleaned name from its runs' syllables; latin-only names as they are. */
function keyOf(name: string, perRun: readonly (readonly string[])[]): string {
  if (perRun.length === 0) return name.replace(/[^a-z0-9]/g, '');
  const full = perRun.flat();
  return `${full.join('')} ${full.map((p) => p[0] ?? '').join('')}`;
}

export interface SearchSource {
  /** The record's own name first: `buildSearchIndex` derives the pinyin key from it. */
  names: readonly (string | null | undefined)[];
  phones?: readonly (string | null | undefined)[];
  codes?: readonly (string | null | undefined)[];
}

export interface SearchIndex {
  /** For the GIN-indexed tsvector. */
  lexemes: string[];
  /** pinyinKey of `names[0]`, for ranking prefix matches. */
  pinyinKey: string;
}

/**
 * Lexemes of every name, phone and code, and the pinyin key of the first name. Converting to
 * pinyin is most of the cost (tens of µs per name), so each distinct run of Han characters is
 * converted once and both the lexemes and the key are derived from the same syllables.
 */
export function buildSearchIndex(source: SearchSource): SearchIndex {
  const out = new Set<string>();
  const converted = new Map<string, string[]>();
  const syllablesOf = (run: string) => {
    let s = converted.get(run);
    if (!s) {
      s = syllables(run);
      converted.set(run, s);
    }
    return s;
  };
  let key = '';
  source.names.forEach((raw, i) => {
    if (!raw) return;
    const name = clean(raw);
    const runs = hanRuns(name);
    const perRun = runs.map(syllablesOf);
    cjkGrams(runs, out);
    pinyinSuffixes(perRun, out);
    for (const w of latinWords(name)) out.add(w);
    if (i === 0) key = keyOf(name, perRun);
  });
  for (const raw of source.phones ?? []) {
    if (!raw) continue;
    const digits = normalizePhone(raw);
    if (digits) out.add(digits);
  }
  for (const raw of source.codes ?? []) {
    if (raw) out.add(clean(raw).replace(/[\s-]/g, ''));
  }
  return { lexemes: [...out].filter((t) => t.length > 0 && t.length <= 200), pinyinKey: key };
}

export function buildSearchLexemes(source: SearchSource): string[] {
  return buildSearchIndex(source).lexemes;
}

/** tsquery lexeme literal: quotes doubled, backslashes escaped. */
function lexeme(term: string, prefix: boolean): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

export interface SearchQuery {
  /** Text for a `::tsquery` cast, matched against the lexeme column. */
  tsquery: string;
  /**
   * A run of 3+ Han characters of the input, to re-check with LIKE because its bigrams only
   * approximate it; the longest when there are several (the others are matched by bigrams alone).
   */
  recheck: string | null;
}

/** Digits typed from a phone's or code's start; +86 forms are normalised like stored ones. */
function digitTerm(digits: string): string {
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  return digits;
}

interface Piece {
  /** A run of Han characters; null for latin letters, digits and punctuation between them. */
  han: string | null;
  /** Latin words and digit groups of a non-Han piece, split as names are split into lexemes. */
  groups: string[];
  /** The digits of a piece that is only digits and phone separators (0574-8765), else null. */
  number: string | null;
}

/**
 * A word split the way names are split into lexemes: runs of Han characters, and latin/digit words
 * between punctuation (导入旅程甲-abc → 导入旅程甲, abc; 3M中国 → 3m, 中国; (中国) → 中国).
 */
function pieces(word: string): Piece[] {
  return (word.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []).map((piece) => {
    if (cjk.test(piece)) return { han: piece, groups: [], number: null };
    const groups = piece.match(/[a-z0-9]+/g) ?? [];
    const compact = piece.replace(/[-()（）+]/g, '');
    const number = groups.length > 0 && /^\d+$/.test(compact) ? compact : null;
    // A word that is only a number is a phone or a code typed from its start: +86 forms normalised.
    return { han: null, groups, number: number !== null && piece === word ? digitTerm(number) : number };
  });
}

/**
 * Builds the query for a user's search box input, or null when nothing searchable remains.
 * Several words (space-separated) must all match, and so must the parts of a word that
 * punctuation or a change of script separates.
 *
 * A single latin letter or digit is searched only when the input has nothing longer: names do
 * not keep single letters as lexemes (A&B贸易 keeps 贸易 only), so requiring one next to other
 * terms would find nothing; alone, letters are pinyin initials typed from the start (n → 宁波).
 * Digit groups joined by phone separators (0574-8765) match either as one number (a phone's
 * lexeme has no separators) or group by group (a name's digits are split like its words).
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
  const all = clean(input).split(/\s+/).flatMap(pieces);
  const longer = all.some((p) => p.han !== null || p.groups.some((g) => g.length >= 2));
  const keep = (t: string) => !longer || t.length >= 2;
  const parts: string[] = [];
  let recheck: string | null = null;
  for (const { han, groups, number } of all) {
    if (han !== null) {
      const run = [...han];
      if (run.length <= 2) parts.push(lexeme(han, false));
      else {
        const grams: string[] = [];
        for (let i = 0; i + 1 < run.length; i++) grams.push(lexeme(run[i]! + run[i + 1]!, false));
        parts.push(`(${grams.join(' & ')})`);
        if (recheck === null || run.length > [...recheck].length) recheck = han;
      }
      continue;
    }
    const each = groups.filter(keep).map((g) => lexeme(g, true));
    if (number !== null && groups.length > 1) {
      // With every group too short to be a lexeme, the groups' side requires nothing: so does this.
      if (each.length > 0) parts.push(`(${lexeme(number, true)} | ${each.join(' & ')})`);
    } else if (number !== null && groups.length === 1) {
      if (keep(number)) parts.push(lexeme(number, true));
    } else parts.push(...each);
  }
  if (parts.length === 0) return null;
  return { tsquery: parts.join(' & '), recheck };
}

/** Full pinyin and initials of a name, space-separated, for ranking prefix matches. */
export function pinyinKey(name: string): string {
  const cleaned = clean(name);
  return keyOf(cleaned, hanRuns(cleaned).map(syllables));
}
