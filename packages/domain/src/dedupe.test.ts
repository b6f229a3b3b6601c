import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateReasons, normalizeName, normalizePhone } from './dedupe';

describe('normalizeName', () => {
  it.each([
    ['宁波怡信电子科技有限公司', '宁波怡信电子科技'],
    ['宁波怡信电子科技股份有限公司', '宁波怡信电子科技'],
    ['宁波怡信电子科技有限责任公司', '宁波怡信电子科技'],
    ['西门子（中国）有限公司', '西门子'],
    ['西门子(中国)有限公司', '西门子'],
    ['海尔集团', '海尔'],
    ['海尔集团有限公司', '海尔'],
    ['  华为 技术 有限公司 ', '华为技术'],
    ['ＡＢＣ 科技', 'abc科技'],
    ['《宁波》怡信·电子', '宁波怡信电子'],
  ])('%s → %s', (input, key) => {
    expect(normalizeName(input)).toBe(key);
  });

  it('keeps the region when it is part of the name, not a bracketed marker', () => {
    expect(normalizeName('中国石化')).toBe('中国石化');
  });

  it('never gives an empty key for a non-empty name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (s) => {
        const key = normalizeName(s);
        if (s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '') !== '') expect(key.length).toBeGreaterThan(0);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(normalizeName(normalizeName(s))).toBe(normalizeName(s));
      }),
    );
  });
});

describe('normalizePhone', () => {
  it.each([
    ['13800001234', '13800001234'],
    ['138-0000-1234', '13800001234'],
    ['+86 138 0000 1234', '13800001234'],
    ['0086-13800001234', '13800001234'],
    ['8613800001234', '13800001234'],
    ['（0574）8888 8888', '057488888888'],
    ['+86 574 8888 8888', '057488888888'],
    ['１３８００００１２３４', '13800001234'],
    ['ext 12', ''],
    ['', ''],
  ])('%s → %s', (input, key) => {
    expect(normalizePhone(input)).toBe(key);
  });
});

describe('duplicateReasons', () => {
  const base = { creditCode: '91350100M000100Y43', nameKey: '宁波怡信', phoneKeys: ['13800001234'] };
  it('names every shared key', () => {
    expect(duplicateReasons(base, base)).toEqual(['credit_code', 'name', 'phone']);
    expect(
      duplicateReasons(base, {
        creditCode: null,
        nameKey: '别家',
        phoneKeys: ['057488888888', '13800001234'],
      }),
    ).toEqual(['phone']);
  });
  it('does not match on missing values', () => {
    expect(
      duplicateReasons(
        { creditCode: null, nameKey: 'a', phoneKeys: [''] },
        { creditCode: null, nameKey: 'b', phoneKeys: [''] },
      ),
    ).toEqual([]);
  });
});
