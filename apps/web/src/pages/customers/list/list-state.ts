import { customerSorts, listCustomersQuerySchema } from '@weixi/shared';
import {
  type CustomerFilterKey,
  type CustomerFilters,
  type CustomerListParams,
  type CustomerSort,
  customerFilterKeys,
} from '../../../api/customers';

// The list's state lives in the URL (so a filtered list can be bookmarked, shared, and Back works)
// and in saved views. Both go through the functions here, which also make every state canonical:
// the same filters always give the same query string, so "does this differ from the view?" is a
// string comparison, and a hand-edited or outdated URL cannot make the list call fail.

export interface ListState extends CustomerListParams {
  /** The saved view last applied, to say whether the list still matches it. Not sent to the API. */
  viewId?: string | undefined;
}

const shape = listCustomersQuerySchema.shape;

/** Multi-value filters are comma-separated; their values are kept in the enum's order. */
const enumLists: Partial<Record<CustomerFilterKey, readonly string[]>> = {
  grade: ['A', 'B', 'C', 'D'],
  category: ['key', 'normal', 'potential'],
  valueTier: ['high', 'medium', 'potential', 'low'],
  lifecycle: ['prospect', 'active', 'dormant', 'lost'],
  scale: ['micro', 'small', 'medium', 'large', 'enterprise'],
  source: ['sales', 'marketing_event', 'referral', 'inbound', 'other'],
};

/** Work lists show active customers unless asked otherwise; the default is left out of URLs. */
export const defaultStatus = 'active';

function isSort(value: string | null | undefined): value is CustomerSort {
  return typeof value === 'string' && (customerSorts as readonly string[]).includes(value);
}

/** A JSON object of custom field key → value, or null when the text is not one. */
export function parseCustomFilter(raw: string | undefined): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return parsed as Record<string, unknown>;
  } catch {
    return null;
  }
}

function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Custom filters in a stable key order, empty values dropped; undefined when nothing is left. */
export function stringifyCustomFilter(values: Record<string, unknown>): string | undefined {
  const keys = Object.keys(values)
    .filter((k) => !isEmptyValue(values[k]))
    .sort();
  if (keys.length === 0) return undefined;
  const ordered: Record<string, unknown> = {};
  for (const k of keys) {
    const v = values[k];
    ordered[k] = Array.isArray(v) ? [...v].map(String).sort() : v;
  }
  return JSON.stringify(ordered);
}

/** One filter value made canonical, or undefined when the API would refuse it (or it means "any"). */
function cleanValue(key: CustomerFilterKey, raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const value = key === 'q' ? raw.trim().replace(/\s+/g, ' ') : raw.trim();
  if (value === '') return undefined;
  const list = enumLists[key];
  if (list) {
    const chosen = new Set(value.split(','));
    const kept = list.filter((v) => chosen.has(v));
    return kept.length > 0 ? kept.join(',') : undefined;
  }
  if (key === 'status' && value === defaultStatus) return undefined;
  if (key === 'custom') {
    const parsed = parseCustomFilter(value);
    return parsed ? stringifyCustomFilter(parsed) : undefined;
  }
  return shape[key].safeParse(value).success ? value : undefined;
}

/** The sort the server uses when none is given; not written into URLs or views. */
export function defaultSort(filters: CustomerFilters): CustomerSort {
  return filters.q ? 'relevance' : '-updatedAt';
}

/** Makes a state canonical: valid values only, defaults left out, regions consistent with each other. */
export function normalizeState(state: ListState): ListState {
  const filters: CustomerFilters = {};
  for (const key of customerFilterKeys) {
    const value = cleanValue(key, state.filters[key]);
    if (value !== undefined) filters[key] = value;
  }
  // A city belongs to its province and a district to its city (GB/T 2260 codes nest by prefix).
  if (filters.cityCode && filters.provinceCode && !filters.cityCode.startsWith(filters.provinceCode))
    delete filters.cityCode;
  if (filters.districtCode && (!filters.cityCode || !filters.districtCode.startsWith(filters.cityCode)))
    delete filters.districtCode;
  if (filters.cityCode && !filters.provinceCode) delete filters.cityCode;
  if (filters.signedFrom && filters.signedTo && filters.signedFrom > filters.signedTo) {
    [filters.signedFrom, filters.signedTo] = [filters.signedTo, filters.signedFrom];
  }
  let sort = isSort(state.sort) ? state.sort : undefined;
  if (sort === 'relevance' && !filters.q) sort = undefined;
  if (sort === defaultSort(filters)) sort = undefined;
  return { filters, ...(sort ? { sort } : {}), ...(state.viewId ? { viewId: state.viewId } : {}) };
}

export function parseListState(params: URLSearchParams): ListState {
  const filters: CustomerFilters = {};
  for (const key of customerFilterKeys) {
    const value = params.get(key);
    if (value !== null) filters[key] = value;
  }
  const sort = params.get('sort');
  const view = params.get('view');
  return normalizeState({
    filters,
    sort: isSort(sort) ? sort : undefined,
    viewId: view && /^[0-9a-f-]{36}$/i.test(view) ? view : undefined,
  });
}

export function toSearchParams(state: ListState): URLSearchParams {
  const s = normalizeState(state);
  const params = new URLSearchParams();
  for (const key of customerFilterKeys) {
    const value = s.filters[key];
    if (value !== undefined) params.set(key, value);
  }
  if (s.sort) params.set('sort', s.sort);
  if (s.viewId) params.set('view', s.viewId);
  return params;
}

/** The sort in effect: the chosen one, else the server's default for this state. */
export function effectiveSort(state: ListState): CustomerSort {
  return state.sort ?? defaultSort(state.filters);
}

/** How many filters (not counting the search term) narrow the list; shown on the filter button. */
export function activeFilterCount(filters: CustomerFilters): number {
  let n = 0;
  for (const key of customerFilterKeys) {
    if (key === 'q' || filters[key] === undefined) continue;
    // A region or a date range is one filter however many of its parts are set.
    if (key === 'cityCode' || key === 'districtCode') continue;
    if (key === 'signedTo' && filters.signedFrom !== undefined) continue;
    if (key === 'custom') n += Object.keys(parseCustomFilter(filters.custom) ?? {}).length;
    else n++;
  }
  return n;
}

export function csvValues(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

/** Sets one filter; undefined, empty strings and empty lists remove it. */
export function withFilter(
  state: ListState,
  key: CustomerFilterKey,
  value: string | readonly string[] | undefined,
): ListState {
  const text = Array.isArray(value) ? value.join(',') : (value as string | undefined);
  const filters = { ...state.filters };
  if (text === undefined || text === '') delete filters[key];
  else filters[key] = text;
  return normalizeState({ ...state, filters });
}

/** Sets or clears one custom field's filter inside the `custom` JSON parameter. */
export function withCustomFilter(state: ListState, fieldKey: string, value: unknown): ListState {
  const current = parseCustomFilter(state.filters.custom) ?? {};
  const next = { ...current };
  if (isEmptyValue(value)) delete next[fieldKey];
  else next[fieldKey] = value;
  return withFilter(state, 'custom', stringifyCustomFilter(next));
}

/** Everything cleared but the search term and the view (the view then shows as changed). */
export function withoutFilters(state: ListState): ListState {
  return normalizeState({
    filters: state.filters.q ? { q: state.filters.q } : {},
    sort: state.sort,
    viewId: state.viewId,
  });
}

// ---- saved views ----

/** What a saved view stores: the filters (search term included), the sort and the visible columns. */
export interface ViewQuery {
  filters: CustomerFilters;
  sort?: CustomerSort;
  columns: string[];
}

export function toViewQuery(state: ListState, columns: readonly string[]): ViewQuery {
  const s = normalizeState(state);
  return { filters: s.filters, ...(s.sort ? { sort: s.sort } : {}), columns: [...columns] };
}

/**
 * Reads a stored view defensively: views outlive releases, so unknown keys and values that are no
 * longer valid are dropped rather than sent to the API.
 */
export function fromViewQuery(query: Record<string, unknown>): ViewQuery {
  const rawFilters = query.filters;
  const filters: CustomerFilters = {};
  if (typeof rawFilters === 'object' && rawFilters !== null && !Array.isArray(rawFilters)) {
    for (const key of customerFilterKeys) {
      const v = (rawFilters as Record<string, unknown>)[key];
      if (typeof v === 'string') filters[key] = v;
    }
  }
  const rawSort = typeof query.sort === 'string' ? query.sort : undefined;
  const s = normalizeState({ filters, sort: isSort(rawSort) ? rawSort : undefined });
  const columns = Array.isArray(query.columns)
    ? query.columns.filter((c): c is string => typeof c === 'string')
    : [];
  return { filters: s.filters, ...(s.sort ? { sort: s.sort } : {}), columns };
}

/** Whether the list shows something other than the view: other filters, sort or columns. */
export function differsFromView(state: ListState, columns: readonly string[], view: ViewQuery): boolean {
  const here = toSearchParams({ filters: state.filters, sort: state.sort }).toString();
  const there = toSearchParams({ filters: view.filters, sort: view.sort }).toString();
  if (here !== there) return true;
  // A view saved before any column was chosen leaves the columns as they are.
  if (view.columns.length === 0) return false;
  return view.columns.join(',') !== columns.join(',');
}

/**
 * Whether the server can search for this term: it needs a Chinese character, a letter or a digit
 * (punctuation alone is refused with a 400), so such a term is not sent at all.
 */
export function isSearchable(q: string | undefined): boolean {
  return q === undefined || /[\p{Script=Han}\p{L}\p{N}]/u.test(q);
}

// ---- search highlighting ----

export interface TextPart {
  text: string;
  match: boolean;
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function split(text: string, ranges: [number, number][]): TextPart[] {
  if (ranges.length === 0) return text ? [{ text, match: false }] : [];
  const parts: TextPart[] = [];
  let at = 0;
  for (const [from, to] of merge(ranges)) {
    if (from > at) parts.push({ text: text.slice(at, from), match: false });
    parts.push({ text: text.slice(from, to), match: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/**
 * The parts of a name that the search term matched literally (each word of the term, any case).
 * Pinyin and initials matches have no literal text to mark and leave the name plain.
 */
export function highlightText(text: string, q: string | undefined): TextPart[] {
  const terms = (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  if (terms.length === 0) return split(text, []);
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + term.length))
      ranges.push([i, i + term.length]);
  }
  return split(text, ranges);
}

/** The digits of a phone that a digit search matched, however the number is punctuated. */
export function highlightDigits(phone: string, q: string | undefined): TextPart[] {
  // Read the way the server reads a phone search: +86, 0086 and separators are not part of the number.
  const compact = (q ?? '').replace(/[\s\-()（）]/g, '');
  if (!/^\+?\d{3,}$/.test(compact)) return split(phone, []);
  let digits = compact.replace('+', '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && (compact.startsWith('+') || digits.length === 13))
    digits = digits.slice(2);
  const positions: number[] = [];
  let onlyDigits = '';
  for (let i = 0; i < phone.length; i++) {
    const ch = phone[i]!;
    if (ch >= '0' && ch <= '9') {
      positions.push(i);
      onlyDigits += ch;
    }
  }
  const ranges: [number, number][] = [];
  for (let i = onlyDigits.indexOf(digits); i >= 0; i = onlyDigits.indexOf(digits, i + digits.length))
    ranges.push([positions[i]!, positions[i + digits.length - 1]! + 1]);
  return split(phone, ranges);
}
