/**
 * Normal forms used by the duplicate check (查重). Two customers are likely the same when any of
 * these keys match: credit code, normalised name, normalised phone.
 */

// Longest first: 股份有限公司 must be stripped before 有限公司 would leave 股份 behind.
const companySuffixes = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '总公司',
  '分公司',
  '公司',
  '集团',
  '株式会社',
];
const regionMarkers = ['中国', '中國', 'china'];

/**
 * Name key: NFKC (full-width → half-width), lower case, without whitespace, brackets and
 * punctuation, without "(中国)" style markers and legal-form suffixes. Never returns an empty key
 * for a non-empty name (a name that is only a suffix keeps its letters).
 */
export function normalizeName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  // Remove a bracketed region marker entirely: 西门子(中国)有限公司 → 西门子有限公司.
  for (const m of regionMarkers) s = s.replace(new RegExp(`[(（\\[【]\\s*${m}\\s*[)）\\]】]`, 'g'), '');
  s = s.replace(/[\s\p{P}\p{S}]/gu, '');
  const bare = s;
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of companySuffixes) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return s || bare;
}

/**
 * Phone key: digits only, without the China country code (+86, 0086, 86 before an 11-digit
 * mobile). Landlines keep their area code: 0574-8888 8888 → 057488888888. Returns '' when fewer
 * than 5 digits remain (extensions and typos are not phone numbers worth matching on).
 */
export function normalizePhone(phone: string): string {
  let d = phone.normalize('NFKC').replace(/\D/g, '');
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.startsWith('86') && (d.length === 13 || (d.length >= 11 && phone.trim().startsWith('+'))))
    d = d.slice(2);
  // +86 574 8888 8888 lost the trunk 0 that domestic dialling needs.
  if (phone.trim().startsWith('+86') && !d.startsWith('1') && !d.startsWith('0')) d = `0${d}`;
  return d.length >= 5 ? d : '';
}

export interface DuplicateKeys {
  creditCode: string | null;
  nameKey: string;
  phoneKeys: string[];
}

export type DuplicateReason = 'credit_code' | 'name' | 'phone';

/** Which keys two customers share; empty when they look distinct. */
export function duplicateReasons(a: DuplicateKeys, b: DuplicateKeys): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (a.creditCode && b.creditCode && a.creditCode === b.creditCode) reasons.push('credit_code');
  if (a.nameKey && a.nameKey === b.nameKey) reasons.push('name');
  if (a.phoneKeys.some((p) => p && b.phoneKeys.includes(p))) reasons.push('phone');
  return reasons;
}
