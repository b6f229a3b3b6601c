import type { AuditEntry } from '@weixi/shared';

/**
 * Turns an audit entry of a customer (or one of its contacts) into readable field changes. The
 * entries are snapshots written by the server's use cases: full before/after for edits, `after`
 * only for creations, `before` only for deletions, small status objects for verify / invalidate /
 * restore, and survivor/merged pairs for merges.
 */

export type Subject = 'customer' | 'contact';

export interface FieldChange {
  /** Field key as the API names it; custom values as `custom.<key>`. */
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface HistoryItem {
  subject: Subject;
  /** The contact's name for contact entries, the merged customer's for merges. */
  about: string | null;
  changes: FieldChange[];
  /**
   * For "merged into another customer": the survivor, as the server resolved it in the reader's
   * scope (name null outside it). Shown as a link instead of the raw `mergedIntoId`.
   */
  mergedInto?: { id: string; name: string | null };
}

/** Bookkeeping that says nothing to a reader. */
const hidden = new Set([
  'id',
  'customerId',
  'version',
  'createdAt',
  'updatedAt',
  'masked',
  'mergedFrom',
  'moved',
  'confirmedDuplicates',
  'regionName',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const empty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isRecord(v) && Object.keys(v).length === 0);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function expandCustom(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** Field-by-field differences; with only one side, its non-empty fields (what was set or removed). */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before && after) {
    // A status change records only what it touched: keys missing on one side were not changed.
    for (const key of Object.keys(after)) {
      if (hidden.has(key) || !(key in before)) continue;
      if (key === 'custom') {
        const b = expandCustom(before.custom);
        const a = expandCustom(after.custom);
        for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
          if (!same(b[k], a[k])) changes.push({ field: `custom.${k}`, before: b[k], after: a[k] });
        }
      } else if (!same(before[key], after[key])) {
        changes.push({ field: key, before: before[key], after: after[key] });
      }
    }
    return changes;
  }
  const only = after ?? before;
  if (!only) return changes;
  for (const [key, value] of Object.entries(only)) {
    if (hidden.has(key)) continue;
    if (key === 'custom') {
      for (const [k, v] of Object.entries(expandCustom(value))) {
        if (!empty(v))
          changes.push(after ? { field: `custom.${k}`, after: v } : { field: `custom.${k}`, before: v });
      }
    } else if (!empty(value) && value !== false) {
      changes.push(after ? { field: key, after: value } : { field: key, before: value });
    }
  }
  return changes;
}

/** Snapshots list fields in storage order; readers expect the form's order. */
const customerOrder = [
  'kind',
  'name',
  'shortName',
  'creditCode',
  'industry',
  'scale',
  'source',
  'foundedOn',
  'signedOn',
  'tags',
  'phone',
  'email',
  'wechat',
  'website',
  'provinceCode',
  'cityCode',
  'districtCode',
  'address',
  'latitude',
  'longitude',
  'category',
  'grade',
  'valueTier',
  'lifecycle',
  'owner',
  'collaborators',
  'preferences',
  'custom',
  'contacts',
  'status',
  'invalidReason',
  'invalidatedAt',
  'mergedIntoId',
  'verifiedAt',
  'verifiedBy',
];
const contactOrder = [
  'name',
  'position',
  'employer',
  'phone',
  'email',
  'wechat',
  'birthday',
  'address',
  'decisionRole',
  'hasDecisionAuthority',
  'preferredChannel',
  'isKey',
  'personalNotes',
];

function inFormOrder(subject: Subject, changes: FieldChange[]): FieldChange[] {
  const order = subject === 'contact' ? contactOrder : customerOrder;
  const rank = (field: string) => {
    const i = order.indexOf(field.startsWith('custom.') ? 'custom' : field);
    return i === -1 ? order.length : i;
  };
  return [...changes].sort((a, b) => rank(a.field) - rank(b.field));
}

/** The survivor reference the server adds to a `customer.merged_into` entry (customer-history.ts). */
function mergedIntoRef(after: Record<string, unknown> | null): HistoryItem['mergedInto'] {
  const ref = after?.mergedInto;
  if (!isRecord(ref) || typeof ref.id !== 'string') return undefined;
  return { id: ref.id, name: typeof ref.name === 'string' ? ref.name : null };
}

export function historyItem(entry: Pick<AuditEntry, 'action' | 'before' | 'after'>): HistoryItem {
  const subject: Subject = entry.action.startsWith('contact.') ? 'contact' : 'customer';
  const name = (v: unknown) => (isRecord(v) && typeof v.name === 'string' ? v.name : null);
  const mergedInto = entry.action === 'customer.merged_into' ? mergedIntoRef(entry.after) : undefined;
  if (mergedInto) {
    return {
      subject,
      about: null,
      changes: inFormOrder(
        subject,
        fieldChanges(entry.before, entry.after).filter((c) => c.field !== 'mergedIntoId'),
      ),
      mergedInto,
    };
  }
  if (entry.action === 'customer.merge' && entry.before && isRecord(entry.before.survivor)) {
    return {
      subject,
      about: name(entry.before.merged),
      changes: inFormOrder(subject, fieldChanges(entry.before.survivor, entry.after)),
    };
  }
  return {
    subject,
    about: subject === 'contact' ? (name(entry.after) ?? name(entry.before)) : null,
    changes: inFormOrder(subject, fieldChanges(entry.before, entry.after)),
  };
}

/** Fields whose values are codes of one of the `customerFields` enumerations. */
export const enumFields = [
  'kind',
  'scale',
  'source',
  'category',
  'grade',
  'valueTier',
  'lifecycle',
  'status',
  'decisionRole',
  'preferredChannel',
] as const;
export type EnumField = (typeof enumFields)[number];
const isEnumField = (f: string): f is EnumField => (enumFields as readonly string[]).includes(f);

export interface ValueLabels {
  enumValue(field: EnumField, value: string): string;
  customValue(key: string, value: unknown): string;
  region(code: string): string;
  dateTime(iso: string): string;
  yes: string;
  no: string;
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value as a reader wants it: labels for codes, names for people, 是/否 for flags. */
export function displayValue(field: string, value: unknown, labels: ValueLabels): string {
  if (value === null || value === undefined || value === '') return '';
  if (field.startsWith('custom.')) return labels.customValue(field.slice(7), value);
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  if (typeof value === 'string') {
    if (isEnumField(field)) return labels.enumValue(field, value);
    if (field === 'provinceCode' || field === 'cityCode' || field === 'districtCode')
      return labels.region(value);
    if (isoDateTime.test(value)) return labels.dateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => displayValue(field, v, labels)).join('、');
  if (isRecord(value)) return typeof value.name === 'string' ? value.name : JSON.stringify(value);
  return String(value);
}

/** Action codes contain dots and a plus, which i18next would read as nesting; resource keys use _. */
export const actionKey = (action: string) => action.replace(/[.+]/g, '_');
