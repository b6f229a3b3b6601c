import type { CustomerDetail } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import { buildTake, customConflicts, defaultChoices, differingFields, mergedTags } from './merge-diff';

type Source = Parameters<typeof differingFields>[0];

const base: Source = {
  name: '宁波怡信电子科技有限公司',
  shortName: '怡信电子',
  creditCode: '91330200MA2000001X',
  industry: '电子制造',
  scale: 'medium',
  provinceCode: '33',
  cityCode: '3302',
  districtCode: '330203',
  address: '中山西路 138 号',
  latitude: null,
  longitude: null,
  phone: '0574-88880001',
  email: '',
  wechat: '',
  website: '',
  source: 'referral',
  foundedOn: null,
  signedOn: '2019-03-18',
  preferences: '',
  owner: { id: '0190a0a0-0000-7000-8000-000000000001', name: '张伟' },
  category: 'key',
  grade: 'A',
  valueTier: null,
  lifecycle: 'active',
  tags: ['出口', '战略合作'],
  custom: { channel_level: 'gold' },
} satisfies Partial<CustomerDetail>;

describe('merge diff', () => {
  it('lists nothing for identical records, tags compared as sets', () => {
    expect(differingFields(base, { ...base, tags: ['战略合作', '出口'] })).toEqual([]);
  });

  it('lists differing fields in form order; owner by id, region as one chain', () => {
    const other: Source = {
      ...base,
      name: '宁波怡信电子',
      districtCode: '330205',
      owner: { id: '0190a0a0-0000-7000-8000-000000000002', name: '张伟' },
      grade: 'B',
      email: 'info@yixin.example',
    };
    expect(differingFields(base, other)).toEqual(['name', 'region', 'email', 'owner', 'grade']);
  });

  it('custom values differ only on conflicting keys; one-sided keys are united by the server', () => {
    expect(differingFields(base, { ...base, custom: { export: true } })).toEqual([]);
    const conflict = { ...base, custom: { channel_level: 'silver' } };
    expect(customConflicts(base, conflict)).toEqual(['channel_level']);
    expect(differingFields(base, conflict)).toEqual(['custom']);
  });

  it('defaults to the survivor, except where only the merged record has a value', () => {
    const merged: Source = { ...base, email: 'info@yixin.example', grade: 'B', tags: ['新'] };
    const fields = differingFields(base, merged);
    expect(defaultChoices(base, merged, fields)).toEqual({
      email: 'merged',
      grade: 'survivor',
      tags: 'survivor',
    });
  });

  it('sends only the fields where the merged record wins', () => {
    expect(buildTake({ email: 'merged', grade: 'survivor', tags: 'merged' })).toEqual({
      email: 'merged',
      tags: 'merged',
    });
  });

  it('tags are united unless the merged side is chosen', () => {
    const merged = { ...base, tags: ['新', '出口'] };
    expect(mergedTags(base, merged, 'survivor')).toEqual(['出口', '战略合作', '新']);
    expect(mergedTags(base, merged, 'merged')).toEqual(['新', '出口']);
  });
});
