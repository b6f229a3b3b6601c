import { describe, expect, it } from 'vitest';
import { regionFromNames, regionName, regionProblem, regionTree } from './regions';

describe('administrative divisions (GB/T 2260)', () => {
  it('covers every province-level division', () => {
    expect(regionTree.length).toBeGreaterThanOrEqual(31);
    expect(regionName('33')).toBe('浙江省');
    expect(regionName('3302')).toBe('宁波市');
    expect(regionName('330203')).toBe('海曙区');
  });

  it('accepts a consistent chain and names the inconsistent level', () => {
    expect(regionProblem('33', '3302', '330203')).toBeNull();
    expect(regionProblem('33', null, null)).toBeNull();
    expect(regionProblem('99', null, null)).toEqual({ field: 'provinceCode', reason: 'unknown' });
    expect(regionProblem('33', '3101', null)).toEqual({ field: 'cityCode', reason: 'not_in_parent' });
    expect(regionProblem('33', '3302', '310101')).toEqual({ field: 'districtCode', reason: 'not_in_parent' });
    expect(regionProblem(null, '3302', null)).toEqual({ field: 'provinceCode', reason: 'missing_parent' });
    expect(regionProblem('33', '330203', null)).toEqual({ field: 'cityCode', reason: 'unknown' });
  });

  it('finds codes from names as spreadsheets write them', () => {
    expect(regionFromNames('浙江', '宁波', '海曙')).toEqual({
      provinceCode: '33',
      cityCode: '3302',
      districtCode: '330203',
    });
    expect(regionFromNames('浙江省', '宁波市', '海曙区')).toEqual({
      provinceCode: '33',
      cityCode: '3302',
      districtCode: '330203',
    });
    expect(regionFromNames('北京', '北京市', '朝阳区')).toEqual({
      provinceCode: '11',
      cityCode: '1101',
      districtCode: '110105',
    });
    expect(regionFromNames('火星', '宁波', null)).toEqual({
      provinceCode: null,
      cityCode: null,
      districtCode: null,
    });
  });
});
