import { describe, expect, it } from 'vitest';
import { displayValue, fieldChanges, historyItem, type ValueLabels } from './history-changes';

const labels: ValueLabels = {
  enumValue: (field, value) => `${field}:${value}`,
  customValue: (key, value) => `${key}=${JSON.stringify(value)}`,
  region: (code) => (code === '33' ? '浙江省' : code),
  dateTime: (iso) => iso.slice(0, 10),
  yes: '是',
  no: '否',
};

describe('history changes', () => {
  it('an edit lists changed fields only, custom values one by one, bookkeeping hidden', () => {
    const before = { name: 'A', grade: 'B', version: 1, tags: ['x'], custom: { level: 'gold', vip: true } };
    const after = {
      name: 'A',
      grade: 'A',
      version: 2,
      tags: ['x', 'y'],
      custom: { level: 'silver', vip: true },
    };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'grade', before: 'B', after: 'A' },
      { field: 'tags', before: ['x'], after: ['x', 'y'] },
      { field: 'custom.level', before: 'gold', after: 'silver' },
    ]);
  });

  it('a status change shows only what both sides recorded', () => {
    const entry = {
      action: 'customer.invalidate',
      before: { status: 'active', verifiedAt: null, invalidReason: null },
      after: { status: 'invalid', invalidReason: '公司已注销' },
    };
    expect(historyItem(entry).changes).toEqual([
      { field: 'status', before: 'active', after: 'invalid' },
      { field: 'invalidReason', before: null, after: '公司已注销' },
    ]);
  });

  it('a creation lists what was set; a contact entry names the contact', () => {
    const created = historyItem({
      action: 'contact.create',
      before: null,
      after: {
        id: 'x',
        name: '陈国华',
        phone: '13905740001',
        email: '',
        isKey: false,
        hasDecisionAuthority: true,
      },
    });
    expect(created.subject).toBe('contact');
    expect(created.about).toBe('陈国华');
    expect(created.changes).toEqual([
      { field: 'name', after: '陈国华' },
      { field: 'phone', after: '13905740001' },
      { field: 'hasDecisionAuthority', after: true },
    ]);
    const deleted = historyItem({ action: 'contact.delete', before: { name: '刘晓燕' }, after: null });
    expect(deleted.changes).toEqual([{ field: 'name', before: '刘晓燕' }]);
  });

  it('lists fields in the form order, custom values after the standard ones', () => {
    const item = historyItem({
      action: 'customer.create',
      before: null,
      after: {
        status: 'active',
        custom: { level: 'gold' },
        lifecycle: 'prospect',
        name: 'A',
        kind: 'company',
      },
    });
    expect(item.changes.map((c) => c.field)).toEqual(['kind', 'name', 'lifecycle', 'custom.level', 'status']);
  });

  it('a merge compares the survivor before and after and names the merged record', () => {
    const item = historyItem({
      action: 'customer.merge',
      before: { survivor: { name: 'A', email: '' }, merged: { name: 'A 公司', email: 'a@x.cn' } },
      after: { name: 'A', email: 'a@x.cn', mergedFrom: 'id', moved: { contact: 2 } },
    });
    expect(item.about).toBe('A 公司');
    expect(item.changes).toEqual([{ field: 'email', before: '', after: 'a@x.cn' }]);
  });

  it('shows values with labels: enums, regions, people, flags, lists, times', () => {
    expect(displayValue('grade', 'A', labels)).toBe('grade:A');
    expect(displayValue('provinceCode', '33', labels)).toBe('浙江省');
    expect(displayValue('owner', { id: 'u', name: '张伟' }, labels)).toBe('张伟');
    expect(
      displayValue(
        'collaborators',
        [
          { id: 'u', name: '张伟' },
          { id: 'v', name: '李娜' },
        ],
        labels,
      ),
    ).toBe('张伟、李娜');
    expect(displayValue('isKey', false, labels)).toBe('否');
    expect(displayValue('verifiedAt', '2026-03-01T08:00:00.000Z', labels)).toBe('2026-03-01');
    expect(displayValue('custom.level', 'gold', labels)).toBe('level="gold"');
    expect(displayValue('name', null, labels)).toBe('');
  });
});

describe('merged into another customer', () => {
  const entry = (mergedInto: unknown) => ({
    action: 'customer.merged_into',
    before: { name: '怡信电子', status: 'active', mergedIntoId: null },
    after: { status: 'merged', mergedIntoId: '0190a0a0-0000-7000-8000-0000000000bb', mergedInto },
  });

  it('names the survivor (a link on the page) instead of showing its id', () => {
    const item = historyItem(
      entry({ id: '0190a0a0-0000-7000-8000-0000000000bb', name: '宁波怡信电子科技有限公司' }),
    );
    expect(item.mergedInto).toEqual({
      id: '0190a0a0-0000-7000-8000-0000000000bb',
      name: '宁波怡信电子科技有限公司',
    });
    expect(item.changes).toEqual([{ field: 'status', before: 'active', after: 'merged' }]);
  });

  it('keeps the name out when the survivor is outside the reader scope', () => {
    const item = historyItem(entry({ id: '0190a0a0-0000-7000-8000-0000000000bb', name: null }));
    expect(item.mergedInto).toEqual({ id: '0190a0a0-0000-7000-8000-0000000000bb', name: null });
    expect(item.changes.map((c) => c.field)).not.toContain('mergedIntoId');
  });
});
