import type { CustomerDetail } from '@weixi/shared';

/**
 * The fields whose surviving value the user picks when merging, as the server's merge use case
 * names them (`take` keys). Fields not chosen keep the survivor's value; tags and custom values
 * are united by the server, the choice only says who wins a conflict.
 */
export const mergeFields = [
  'name',
  'shortName',
  'creditCode',
  'industry',
  'scale',
  'region',
  'address',
  'coordinates',
  'phone',
  'email',
  'wechat',
  'website',
  'source',
  'foundedOn',
  'signedOn',
  'preferences',
  'owner',
  'category',
  'grade',
  'valueTier',
  'lifecycle',
  'tags',
  'custom',
] as const;
export type MergeField = (typeof mergeFields)[number];
export type Side = 'survivor' | 'merged';

type MergeSource = Pick<
  CustomerDetail,
  | 'name'
  | 'shortName'
  | 'creditCode'
  | 'industry'
  | 'scale'
  | 'provinceCode'
  | 'cityCode'
  | 'districtCode'
  | 'address'
  | 'latitude'
  | 'longitude'
  | 'phone'
  | 'email'
  | 'wechat'
  | 'website'
  | 'source'
  | 'foundedOn'
  | 'signedOn'
  | 'preferences'
  | 'owner'
  | 'category'
  | 'grade'
  | 'valueTier'
  | 'lifecycle'
  | 'tags'
  | 'custom'
>;

/** The comparable value of one merge field (ids rather than names, codes rather than labels). */
export function mergeValue(c: MergeSource, field: MergeField): unknown {
  switch (field) {
    case 'region':
      return [c.provinceCode, c.cityCode, c.districtCode];
    case 'coordinates':
      return [c.latitude, c.longitude];
    case 'owner':
      return c.owner?.id ?? null;
    case 'tags':
      return [...c.tags].sort();
    default:
      return c[field];
  }
}

const blank = (v: unknown) => v === null || v === undefined || v === '';

/** Custom keys where both records hold a different, non-empty value: the only custom conflicts. */
export function customConflicts(a: MergeSource, b: MergeSource): string[] {
  return Object.keys(a.custom).filter(
    (key) =>
      !blank(a.custom[key]) &&
      !blank(b.custom[key]) &&
      JSON.stringify(a.custom[key]) !== JSON.stringify(b.custom[key]),
  );
}

/** The fields that differ between the two records, in form order: the rows of the merge table. */
export function differingFields(survivor: MergeSource, merged: MergeSource): MergeField[] {
  return mergeFields.filter((field) => {
    if (field === 'custom') return customConflicts(survivor, merged).length > 0;
    return JSON.stringify(mergeValue(survivor, field)) !== JSON.stringify(mergeValue(merged, field));
  });
}

/**
 * Default choice per differing field: the survivor's value, except where the survivor has nothing
 * and the merged record has something — keeping an empty value over a real one is never the intent.
 */
export function defaultChoices(
  survivor: MergeSource,
  merged: MergeSource,
  fields: readonly MergeField[],
): Record<MergeField, Side> {
  const choices = {} as Record<MergeField, Side>;
  for (const field of fields) {
    const s = mergeValue(survivor, field);
    const m = mergeValue(merged, field);
    const empty = (v: unknown) => blank(v) || (Array.isArray(v) && v.every(blank));
    choices[field] = field !== 'tags' && field !== 'custom' && empty(s) && !empty(m) ? 'merged' : 'survivor';
  }
  return choices;
}

/** The request's `take`: only fields where the merged record wins; everything else follows the survivor. */
export function buildTake(choices: Partial<Record<MergeField, Side>>): Record<string, Side> {
  const take: Record<string, Side> = {};
  for (const [field, side] of Object.entries(choices)) if (side === 'merged') take[field] = side;
  return take;
}

/** What the survivor's tags become: united, or only the merged record's when that side was chosen. */
export function mergedTags(survivor: MergeSource, merged: MergeSource, side: Side): string[] {
  return side === 'merged' ? merged.tags : [...new Set([...survivor.tags, ...merged.tags])];
}
