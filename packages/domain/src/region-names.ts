import { type Region, regionName, regionTree } from './regions';

/**
 * Region cells as spreadsheets hold them → codes, strictly: unlike `regionFromNames` (which
 * leaves a level it cannot find empty), every level that was written must be found, or the row is
 * rejected naming that level. Accepts names with or without 省/市/区/县 suffixes, GB/T 2260 codes,
 * a city without its province (宁波市 alone is unique), and municipality districts without the
 * 市辖区 level (北京市 / 朝阳区).
 */

export type RegionLevel = 'province' | 'city' | 'district';
export type RegionCodes = {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
};
export type RegionResolution =
  | { codes: RegionCodes }
  | {
      problem: {
        level: RegionLevel;
        code: 'region_unknown' | 'region_not_in_parent' | 'region_missing_parent';
      };
    };

const suffix = /(省|市|自治区|特别行政区|壮族|回族|维吾尔|自治州|地区|盟|区|县|自治县|旗)+$/u;
const bare = (s: string) => s.normalize('NFKC').replace(/\s/g, '').replace(suffix, '');

function find(list: readonly Region[] | undefined, text: string): Region[] {
  if (!list) return [];
  const t = text.normalize('NFKC').replace(/\s/g, '');
  const exact = list.filter((r) => r.name === t);
  if (exact.length) return exact;
  const b = bare(t);
  return b ? list.filter((r) => bare(r.name) === b) : [];
}

const allCities = regionTree.flatMap((p) => (p.children ?? []).map((c) => ({ province: p, city: c })));
const allDistricts = allCities.flatMap(({ province, city }) =>
  (city.children ?? []).map((d) => ({ province, city, district: d })),
);

/** A code written in a cell (33, 3302, 330212) → its name, so codes and names mix freely. */
function asName(text: string | undefined, length: number): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (new RegExp(`^\\d{${length}}$`).test(t)) return regionName(t) ?? `\u0000${t}`;
  return t;
}

// An import resolves the same few region names over and over: remember the answers.
const memo = new Map<string, RegionResolution>();

export function resolveRegionNames(input: {
  province?: string | undefined;
  city?: string | undefined;
  district?: string | undefined;
}): RegionResolution {
  const key = `${input.province ?? ''}\u0001${input.city ?? ''}\u0001${input.district ?? ''}`;
  const known = memo.get(key);
  if (known) return known;
  const result = resolve(input);
  if (memo.size >= 10_000) memo.clear();
  memo.set(key, result);
  return result;
}

function resolve(input: {
  province?: string | undefined;
  city?: string | undefined;
  district?: string | undefined;
}): RegionResolution {
  const pText = asName(input.province, 2);
  const cText = asName(input.city, 4);
  const dText = asName(input.district, 6);
  const problem = (
    level: RegionLevel,
    code: 'region_unknown' | 'region_not_in_parent' | 'region_missing_parent',
  ) => ({
    problem: { level, code },
  });

  let province: Region | undefined;
  if (pText) {
    const found = find(regionTree, pText);
    if (found.length !== 1) return problem('province', 'region_unknown');
    province = found[0];
  }

  let city: Region | undefined;
  if (cText) {
    // 北京市 / 北京市 or 重庆 alone: a municipality written as its own city.
    const only = (p: Region) => (p.children?.length === 1 ? p.children[0] : undefined);
    if (province) {
      city = find(province.children, cText)[0];
      if (!city && find([province], cText).length) city = only(province);
      else if (!city) {
        const elsewhere = find(
          allCities.map((x) => x.city),
          cText,
        ).length;
        return problem('city', elsewhere ? 'region_not_in_parent' : 'region_unknown');
      }
    } else {
      const found = allCities.filter((x) => find([x.city], cText).length);
      const municipality = find(regionTree, cText);
      if (found.length === 1) [province, city] = [found[0]!.province, found[0]!.city];
      else if (found.length === 0 && municipality.length === 1) {
        province = municipality[0];
        city = only(province!);
      } else return problem('city', found.length ? 'region_missing_parent' : 'region_unknown');
    }
  } else if (province && province.children?.length === 1) {
    city = province.children[0];
  }

  let district: Region | undefined;
  if (dText) {
    const scope = city
      ? allDistricts.filter((x) => x.city === city)
      : province
        ? allDistricts.filter((x) => x.province === province)
        : allDistricts;
    const found = scope.filter((x) => find([x.district], dText).length);
    if (found.length === 1) {
      district = found[0]!.district;
      city = found[0]!.city;
      province = found[0]!.province;
    } else if (found.length > 1) return problem('district', 'region_missing_parent');
    else {
      const elsewhere = allDistricts.some((x) => find([x.district], dText).length);
      return problem('district', elsewhere && (city || province) ? 'region_not_in_parent' : 'region_unknown');
    }
  }

  return {
    codes: {
      provinceCode: province?.code ?? null,
      // A municipality's single 市辖区 level is only filled in when something below or at it was written.
      cityCode: cText || dText ? (city?.code ?? null) : null,
      districtCode: district?.code ?? null,
    },
  };
}

/**
 * A combined 所在地区 cell → its levels: "浙江省 / 宁波市 / 鄞州区", "浙江 宁波 鄞州" or written
 * together, "浙江省宁波市鄞州区" (split at the longest known names).
 */
export function splitRegionText(text: string): { province?: string; city?: string; district?: string } {
  const parts = text
    .normalize('NFKC')
    .split(/[/,，、\s|-]+/)
    .filter(Boolean);
  if (parts.length > 1) return { province: parts[0], city: parts[1], district: parts[2] };
  let rest = parts[0] ?? '';
  const take = (list: readonly Region[]) => {
    const hit = [...list]
      .flatMap((r) => [r.name, bare(r.name)].filter((n) => n.length >= 2).map((n) => ({ r, n })))
      .filter(({ n }) => rest.startsWith(n))
      .sort((a, b) => b.n.length - a.n.length)[0];
    if (!hit) return undefined;
    rest = rest.slice(hit.n.length);
    return hit;
  };
  const p = take(regionTree);
  if (!p) return { province: rest };
  const cities = p.r.children ?? [];
  const c = take(cities.length === 1 ? [] : cities);
  const districts = (c ? c.r.children : cities.flatMap((x) => x.children ?? [])) ?? [];
  const d = rest ? take(districts) : undefined;
  if (rest) return { province: p.n, ...(c ? { city: c.n } : {}), district: `${d?.n ?? ''}${rest}` };
  return { province: p.n, ...(c ? { city: c.n } : {}), ...(d ? { district: d.n } : {}) };
}
