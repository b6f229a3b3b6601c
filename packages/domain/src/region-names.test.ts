import { describe, expect, it } from 'vitest';
import { resolveRegionNames, splitRegionText } from './region-names';

const codes = (provinceCode: string | null, cityCode: string | null, districtCode: string | null) => ({
  codes: { provinceCode, cityCode, districtCode },
});

describe('resolveRegionNames', () => {
  it('reads full names, short names and codes', () => {
    expect(resolveRegionNames({ province: '浙江省', city: '宁波市', district: '鄞州区' })).toEqual(
      codes('33', '3302', '330212'),
    );
    expect(resolveRegionNames({ province: '浙江', city: '宁波', district: '鄞州' })).toEqual(
      codes('33', '3302', '330212'),
    );
    expect(resolveRegionNames({ province: '33', city: '3302', district: '330212' })).toEqual(
      codes('33', '3302', '330212'),
    );
    expect(resolveRegionNames({ province: '浙江省' })).toEqual(codes('33', null, null));
  });

  it('finds the province of a city or district written alone when it is unique', () => {
    expect(resolveRegionNames({ city: '宁波市' })).toEqual(codes('33', '3302', null));
    expect(resolveRegionNames({ city: '宁波市', district: '鄞州区' })).toEqual(codes('33', '3302', '330212'));
    expect(resolveRegionNames({ district: '鄞州区' })).toEqual(codes('33', '3302', '330212'));
  });

  it('handles municipalities with or without the 市辖区 level', () => {
    expect(resolveRegionNames({ province: '北京市', city: '北京市', district: '朝阳区' })).toEqual(
      codes('11', '1101', '110105'),
    );
    expect(resolveRegionNames({ province: '北京', district: '朝阳区' })).toEqual(
      codes('11', '1101', '110105'),
    );
    expect(resolveRegionNames({ city: '上海市', district: '浦东新区' })).toEqual(
      codes('31', '3101', '310115'),
    );
    expect(resolveRegionNames({ province: '重庆市', city: '重庆市', district: '渝中区' })).toEqual(
      codes('50', '5001', '500103'),
    );
  });

  it('names the level that cannot be found', () => {
    expect(resolveRegionNames({ province: '火星省' })).toEqual({
      problem: { level: 'province', code: 'region_unknown' },
    });
    expect(resolveRegionNames({ province: '浙江省', city: '苏州市' })).toEqual({
      problem: { level: 'city', code: 'region_not_in_parent' },
    });
    expect(resolveRegionNames({ province: '浙江省', city: '宁波市', district: '姑苏区' })).toEqual({
      problem: { level: 'district', code: 'region_not_in_parent' },
    });
    expect(resolveRegionNames({ province: '浙江省', city: '宁波市', district: '不存在区' })).toEqual({
      problem: { level: 'district', code: 'region_unknown' },
    });
    // 朝阳区 exists in Beijing and in Changchun: without a parent it is ambiguous.
    expect(resolveRegionNames({ district: '朝阳区' })).toEqual({
      problem: { level: 'district', code: 'region_missing_parent' },
    });
    expect(resolveRegionNames({ province: '99' })).toEqual({
      problem: { level: 'province', code: 'region_unknown' },
    });
  });
});

describe('splitRegionText', () => {
  it('splits separated and run-together region text', () => {
    expect(splitRegionText('浙江省 / 宁波市 / 鄞州区')).toEqual({
      province: '浙江省',
      city: '宁波市',
      district: '鄞州区',
    });
    expect(splitRegionText('浙江 宁波')).toEqual({ province: '浙江', city: '宁波', district: undefined });
    expect(splitRegionText('浙江省宁波市鄞州区')).toEqual({
      province: '浙江省',
      city: '宁波市',
      district: '鄞州区',
    });
    expect(splitRegionText('北京市朝阳区')).toEqual({ province: '北京市', district: '朝阳区' });
    expect(splitRegionText('火星')).toEqual({ province: '火星' });
    expect(resolveRegionNames(splitRegionText('浙江省宁波市鄞州区'))).toEqual(codes('33', '3302', '330212'));
    expect(resolveRegionNames(splitRegionText('北京市朝阳区'))).toEqual(codes('11', '1101', '110105'));
  });
});
