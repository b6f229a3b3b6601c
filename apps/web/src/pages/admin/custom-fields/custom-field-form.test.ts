import type { CustomFieldDefinition } from '@weixi/shared';
import { createCustomFieldRequestSchema } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import {
  fieldFormValues,
  optionProblems,
  toCreateFieldRequest,
  toUpdateFieldRequest,
} from './custom-field-form';

const field: CustomFieldDefinition = {
  id: '0190a0a0-0000-7000-8000-0000000000f1',
  entity: 'customer',
  key: 'channel_level',
  labelZh: '渠道等级',
  labelEn: 'Channel level',
  type: 'single_select',
  options: [{ value: 'gold', labelZh: '金牌', labelEn: 'Gold' }],
  required: false,
  position: 10,
  active: true,
  version: 1,
};

describe('custom field form', () => {
  it('a select needs options with unique values; other types need none', () => {
    expect(optionProblems('single_select', [])).toEqual([{ path: ['options'], code: 'required' }]);
    expect(
      optionProblems('multi_select', [
        { value: 'a', labelZh: '甲', labelEn: 'A' },
        { value: ' a ', labelZh: '乙', labelEn: 'B' },
      ]),
    ).toEqual([{ path: ['options', 1, 'value'], code: 'duplicate' }]);
    expect(optionProblems('text', [])).toEqual([]);
  });

  it('creates with trimmed values and drops options of non-select types', () => {
    const body = toCreateFieldRequest('customer', {
      key: ' annual_volume ',
      labelZh: ' 年采购额 ',
      labelEn: 'Annual purchases',
      type: 'number',
      options: [{ value: 'x', labelZh: 'x', labelEn: 'x' }],
      required: true,
      position: 20,
    });
    expect(body).toEqual({
      entity: 'customer',
      key: 'annual_volume',
      labelZh: '年采购额',
      labelEn: 'Annual purchases',
      type: 'number',
      options: [],
      required: true,
      position: 20,
    });
    expect(createCustomFieldRequestSchema.safeParse(body).success).toBe(true);
  });

  it('updates only what changed', () => {
    const values = fieldFormValues(field);
    expect(toUpdateFieldRequest(field, values)).toEqual({});
    expect(
      toUpdateFieldRequest(field, {
        ...values,
        labelZh: '渠道级别',
        options: [...field.options, { value: 'silver', labelZh: '银牌', labelEn: 'Silver' }],
      }),
    ).toEqual({
      labelZh: '渠道级别',
      options: [
        { value: 'gold', labelZh: '金牌', labelEn: 'Gold' },
        { value: 'silver', labelZh: '银牌', labelEn: 'Silver' },
      ],
    });
  });
});
