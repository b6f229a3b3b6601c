import type { CustomerDetail, CustomFieldDefinition } from '@weixi/shared';
import { createCustomerRequestSchema, updateCustomerRequestSchema } from '@weixi/shared';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  type CustomerFormValues,
  customToApi,
  formNameForPath,
  formValuesFromCustomer,
  toCreateRequest,
  toUpdateRequest,
} from './customer-form-values';

const def = (
  key: string,
  type: CustomFieldDefinition['type'],
  extra: Partial<CustomFieldDefinition> = {},
): CustomFieldDefinition => ({
  id: `00000000-0000-7000-8000-${String(key.length).padStart(12, '0')}`,
  entity: 'customer',
  key,
  labelZh: key,
  labelEn: key,
  type,
  options: [],
  required: false,
  position: 0,
  active: true,
  version: 1,
  ...extra,
});

const defs = [
  def('channel_level', 'single_select', {
    options: [{ value: 'gold', labelZh: '金牌', labelEn: 'Gold' }],
  }),
  def('first_order', 'date'),
  def('annual_volume', 'number'),
  def('export', 'boolean'),
  def('old_code', 'text', { active: false }),
];

const owner = { id: '0190a0a0-0000-7000-8000-000000000001', name: '张伟' };

function customer(over: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    id: '0190a0a0-0000-7000-8000-0000000000aa',
    kind: 'company',
    name: '宁波怡信电子科技有限公司',
    shortName: '怡信电子',
    creditCode: '91330200MA2000001X',
    industry: '电子制造',
    scale: 'medium',
    provinceCode: '33',
    cityCode: '3302',
    districtCode: '330203',
    regionName: '浙江省 / 宁波市 / 海曙区',
    address: '中山西路 138 号',
    latitude: 29.87,
    longitude: 121.54,
    phone: '0574-88880001',
    email: 'info@yixin.example',
    wechat: 'yixin',
    website: 'www.yixin.example',
    source: 'referral',
    foundedOn: '2008-05-20',
    signedOn: '2019-03-18',
    tags: ['出口', '战略合作'],
    preferences: '重视交期',
    owner,
    collaborators: [],
    category: 'key',
    grade: 'A',
    valueTier: 'high',
    lifecycle: 'active',
    status: 'active',
    invalidReason: null,
    invalidatedAt: null,
    mergedIntoId: null,
    verifiedAt: null,
    verifiedBy: null,
    custom: { channel_level: 'gold', first_order: '2019-04-01', old_code: 'Y-17' },
    masked: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 3,
    contacts: [],
    ...over,
  };
}

describe('toCreateRequest', () => {
  const base: CustomerFormValues = {
    kind: 'company',
    name: '  杭州海纳光电 ',
    category: 'normal',
    lifecycle: 'prospect',
  };

  it('sends only what was filled in, with dates as YYYY-MM-DD and the region chain split', () => {
    const body = toCreateRequest(
      {
        ...base,
        creditCode: ' 91330200ma2000001x ',
        foundedOn: dayjs('2008-05-20'),
        region: ['33', '3301'],
        tags: ['上市公司', ' 上市公司 ', ''],
        phone: '',
        custom: { channel_level: 'gold', first_order: dayjs('2019-04-01'), annual_volume: undefined },
        contacts: [{ name: '王建平', phone: '13805710003', isKey: true }, { name: '  ' }],
      },
      defs,
      { canAssign: false },
    );
    expect(body).toEqual({
      kind: 'company',
      name: '杭州海纳光电',
      creditCode: '91330200MA2000001X',
      foundedOn: '2008-05-20',
      provinceCode: '33',
      cityCode: '3301',
      tags: ['上市公司'],
      category: 'normal',
      lifecycle: 'prospect',
      custom: { channel_level: 'gold', first_order: '2019-04-01' },
      contacts: [{ name: '王建平', phone: '13805710003', isKey: true }],
    });
    expect(createCustomerRequestSchema.safeParse(body).success).toBe(true);
  });

  it('sends the initial contacts with their custom values', () => {
    const contactDefs = [
      def('hobby', 'text', { entity: 'contact' }),
      def('met_on', 'date', { entity: 'contact' }),
    ];
    const body = toCreateRequest(
      { ...base, contacts: [{ name: '王建平', custom: { hobby: '钓鱼', met_on: dayjs('2025-05-01') } }] },
      [],
      { canAssign: false, contactDefs },
    );
    expect(body.contacts).toEqual([{ name: '王建平', custom: { hobby: '钓鱼', met_on: '2025-05-01' } }]);
    expect(createCustomerRequestSchema.safeParse(body).success).toBe(true);
  });

  it('leaves the owner to the server unless the user may assign one', () => {
    const values = { ...base, ownerId: owner.id };
    expect(toCreateRequest(values, [], { canAssign: false })).not.toHaveProperty('ownerId');
    expect(toCreateRequest(values, [], { canAssign: true }).ownerId).toBe(owner.id);
  });
});

describe('toUpdateRequest', () => {
  it('is empty when nothing changed, even with masked numbers and a retired custom value', () => {
    const c = customer({ masked: true, phone: '057****0001', email: 'i***@yixin.example' });
    const values = formValuesFromCustomer(c, defs);
    expect(toUpdateRequest(c, values, defs)).toEqual({});
  });

  it('sends changed fields only; the region and coordinates travel as whole chains', () => {
    const c = customer();
    const values = formValuesFromCustomer(c, defs);
    const body = toUpdateRequest(
      c,
      { ...values, name: '宁波怡信电子', region: ['33', '3302', '330205'], latitude: 30 },
      defs,
    );
    expect(body).toEqual({
      name: '宁波怡信电子',
      provinceCode: '33',
      cityCode: '3302',
      districtCode: '330205',
      latitude: 30,
      longitude: 121.54,
    });
    expect(updateCustomerRequestSchema.safeParse(body).success).toBe(true);
  });

  it('treats reordered tags as unchanged and a cleared date as null', () => {
    const c = customer();
    const values = formValuesFromCustomer(c, defs);
    expect(toUpdateRequest(c, { ...values, tags: ['战略合作', '出口'] }, defs)).toEqual({});
    expect(toUpdateRequest(c, { ...values, signedOn: null }, defs)).toEqual({ signedOn: null });
  });

  it('sends every active custom value when one changed, so a cleared one is null', () => {
    const c = customer();
    const values = formValuesFromCustomer(c, defs);
    const body = toUpdateRequest(
      c,
      { ...values, custom: { ...values.custom, channel_level: undefined } },
      defs,
    );
    expect(body).toEqual({
      custom: { channel_level: null, first_order: '2019-04-01', annual_volume: null, export: null },
    });
  });

  it('sends collaborators only when the set changed', () => {
    const c = customer({ collaborators: [{ id: owner.id, name: '张伟' }] });
    const values = formValuesFromCustomer(c, defs);
    expect(toUpdateRequest(c, values, defs)).toEqual({});
    expect(toUpdateRequest(c, { ...values, collaboratorIds: [] }, defs)).toEqual({ collaboratorIds: [] });
  });
});

describe('customToApi', () => {
  it('stores empty inputs as null and typed values as they are', () => {
    expect(customToApi({ type: 'text' }, '  ')).toBeNull();
    expect(customToApi({ type: 'number' }, 0)).toBe(0);
    expect(customToApi({ type: 'boolean' }, false)).toBe(false);
    expect(customToApi({ type: 'multi_select' }, [])).toBeNull();
    expect(customToApi({ type: 'date' }, dayjs('2026-02-28'))).toBe('2026-02-28');
  });
});

describe('formNameForPath', () => {
  it('places server and schema paths on the form fields that show them', () => {
    expect(formNameForPath('creditCode')).toEqual(['creditCode']);
    expect(formNameForPath('districtCode')).toEqual(['region']);
    expect(formNameForPath('custom.channel_level')).toEqual(['custom', 'channel_level']);
    expect(formNameForPath('contacts.1.phone')).toEqual(['contacts', 1, 'phone']);
    expect(formNameForPath('contacts.1.custom.hobby')).toEqual(['contacts', 1, 'custom', 'hobby']);
    expect(formNameForPath('collaboratorIds.0')).toEqual(['collaboratorIds']);
    expect(formNameForPath('confirmDuplicates')).toBeNull();
    expect(formNameForPath('')).toBeNull();
  });
});
