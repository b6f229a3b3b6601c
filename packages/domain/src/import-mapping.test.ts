import { describe, expect, it } from 'vitest';
import {
  enumChoices,
  enumLabel,
  enumLabels,
  importFields,
  normalizeHeader,
  parseEnumLabel,
  standardImportFields,
  suggestMapping,
} from './import-mapping';

describe('normalizeHeader', () => {
  it('ignores width, case, spaces, punctuation, required markers and bracketed notes', () => {
    expect(normalizeHeader(' *客户名称 ')).toBe('客户名称');
    expect(normalizeHeader('成立日期（YYYY-MM-DD）')).toBe('成立日期');
    expect(normalizeHeader('Ｅ-Mail')).toBe('email');
    expect(normalizeHeader('区/县')).toBe('区县');
  });
});

describe('suggestMapping', () => {
  it('maps Chinese and English headers to fields', () => {
    const headers = [
      '客户名称',
      '统一社会信用代码',
      '联系电话',
      '省',
      '市',
      '区县',
      '客户经理',
      '标签',
      '等级',
      '客户分类',
      '备注说明',
      'E-mail',
      '联系人',
      '联系人电话',
    ];
    expect(suggestMapping(headers, [])).toEqual({
      0: 'name',
      1: 'creditCode',
      2: 'phone',
      3: 'province',
      4: 'city',
      5: 'district',
      6: 'owner',
      7: 'tags',
      8: 'grade',
      9: 'category',
      10: null,
      11: 'email',
      12: 'contactName',
      13: 'contactPhone',
    });
    expect(suggestMapping(['Name', 'Credit code', 'phone', 'Grade', 'Owner'], [])).toEqual({
      0: 'name',
      1: 'creditCode',
      2: 'phone',
      3: 'grade',
      4: 'owner',
    });
  });

  it('suggests each field once: the first column naming it wins', () => {
    expect(suggestMapping(['公司名称', '客户名称', '电话', '手机'], [])).toEqual({
      0: 'name',
      1: null,
      2: 'phone',
      3: null,
    });
  });

  it('maps custom fields by their Chinese label, English label or key', () => {
    const custom = [
      { key: 'channel_level', labelZh: '渠道等级', labelEn: 'Channel level' },
      { key: 'erp_no', labelZh: 'ERP 编号', labelEn: 'ERP number' },
    ];
    expect(suggestMapping(['渠道等级', 'ERP number', 'erp_no'], custom)).toEqual({
      0: 'custom.channel_level',
      1: 'custom.erp_no',
      2: null,
    });
    expect(importFields(custom).map((f) => f.key)).toContain('custom.erp_no');
  });

  it('every standard field suggests itself from its own labels', () => {
    for (const field of standardImportFields) {
      expect(suggestMapping([field.labelZh, field.labelEn], [])).toEqual({ 0: field.key, 1: null });
    }
  });
});

describe('enumerated values', () => {
  it('reads Chinese labels, English labels and stored values', () => {
    expect(parseEnumLabel('category', '重点')).toBe('key');
    expect(parseEnumLabel('category', '重点客户')).toBe('key');
    expect(parseEnumLabel('category', 'Key')).toBe('key');
    expect(parseEnumLabel('category', 'potential')).toBe('potential');
    expect(parseEnumLabel('category', '普通')).toBe('normal');
    expect(parseEnumLabel('grade', 'a')).toBe('A');
    expect(parseEnumLabel('grade', 'B 级')).toBe('B');
    expect(parseEnumLabel('grade', 'E')).toBeNull();
    expect(parseEnumLabel('kind', '个人')).toBe('person');
    expect(parseEnumLabel('source', 'Marketing event')).toBe('marketing_event');
    expect(parseEnumLabel('lifecycle', '合作中')).toBe('active');
  });

  it('writes labels that read back to the same value, in both languages', () => {
    for (const field of Object.keys(enumLabels) as (keyof typeof enumLabels)[]) {
      for (const value of Object.keys(enumLabels[field])) {
        expect(parseEnumLabel(field, enumLabel(field, value, 'zh-CN'))).toBe(value);
        expect(parseEnumLabel(field, enumLabel(field, value, 'en-US'))).toBe(value);
      }
    }
    expect(enumLabel('grade', null, 'zh-CN')).toBe('');
  });

  it('lists the accepted spellings for error messages', () => {
    expect(enumChoices('category')).toBe('重点客户/Key, 普通客户/Normal, 潜在客户/Potential');
  });
});
