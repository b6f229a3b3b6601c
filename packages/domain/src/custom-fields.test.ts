import { describe, expect, it } from 'vitest';
import { type CustomFieldRule, coerceCustomCell, validateCustomValues } from './custom-fields';

const rules: CustomFieldRule[] = [
  {
    key: 'level',
    type: 'single_select',
    required: true,
    active: true,
    options: [{ value: 'gold' }, { value: 'silver' }],
  },
  {
    key: 'lines',
    type: 'multi_select',
    required: false,
    active: true,
    options: [{ value: 'a' }, { value: 'b' }],
  },
  { key: 'staff', type: 'number', required: false, active: true, options: [] },
  { key: 'audit_on', type: 'date', required: false, active: true, options: [] },
  { key: 'listed', type: 'boolean', required: false, active: true, options: [] },
  { key: 'note', type: 'text', required: false, active: true, options: [] },
  { key: 'old', type: 'text', required: false, active: false, options: [] },
];

describe('validateCustomValues', () => {
  it('accepts good values of every type and de-duplicates multi-select', () => {
    const res = validateCustomValues(
      rules,
      {
        level: 'gold',
        lines: ['a', 'b', 'a'],
        staff: 120,
        audit_on: '2026-03-01',
        listed: true,
        note: ' 重点 ',
      },
      { partial: false },
    );
    expect(res.issues).toEqual([]);
    expect(res.values).toEqual({
      level: 'gold',
      lines: ['a', 'b'],
      staff: 120,
      audit_on: '2026-03-01',
      listed: true,
      note: '重点',
    });
  });

  it('names each bad field under custom.<key>', () => {
    const res = validateCustomValues(
      rules,
      {
        level: 'bronze',
        lines: ['c'],
        staff: '120',
        audit_on: '2026-02-30',
        listed: 'yes',
        old: 'x',
        nope: 1,
      },
      { partial: true },
    );
    expect(res.issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual([
      'custom.audit_on:invalid_date',
      'custom.level:invalid_option',
      'custom.lines:invalid_option',
      'custom.listed:invalid_type',
      'custom.nope:unknown_field',
      'custom.old:unknown_field',
      'custom.staff:invalid_type',
    ]);
  });

  it('requires required fields on create but not on a partial update; null clears optional ones', () => {
    expect(validateCustomValues(rules, {}, { partial: false }).issues).toEqual([
      { path: 'custom.level', code: 'required', message: 'required' },
    ]);
    expect(validateCustomValues(rules, {}, { partial: true }).issues).toEqual([]);
    expect(validateCustomValues(rules, { level: null }, { partial: true }).issues[0]?.code).toBe('required');
    expect(validateCustomValues(rules, { note: '' }, { partial: true }).values).toEqual({ note: null });
  });
});

describe('coerceCustomCell', () => {
  const r = (key: string) => rules.find((x) => x.key === key)!;
  it('reads spreadsheet spellings', () => {
    expect(coerceCustomCell(r('listed'), '是')).toBe(true);
    expect(coerceCustomCell(r('listed'), '否')).toBe(false);
    expect(coerceCustomCell(r('listed'), '也许')).toBeUndefined();
    expect(coerceCustomCell(r('staff'), '1,200')).toBe(1200);
    expect(coerceCustomCell(r('audit_on'), '2026/3/1')).toBe('2026-03-01');
    expect(coerceCustomCell(r('audit_on'), '2026年3月1日')).toBe('2026-03-01');
    expect(coerceCustomCell(r('lines'), 'a；b、a')).toEqual(['a', 'b', 'a']);
    expect(coerceCustomCell(r('note'), '  ')).toBeNull();
  });
});
