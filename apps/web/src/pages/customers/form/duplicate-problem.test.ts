import { describe, expect, it } from 'vitest';
import { problemDuplicates } from './duplicate-problem';

const match = {
  customer: {
    id: '01900000-0000-7000-8000-000000000001',
    name: '宁波怡信电子科技有限公司',
    creditCode: null,
    phone: '138****1234',
    owner: { id: '01900000-0000-7000-8000-000000000002', name: '王强' },
    status: 'active',
    visible: true,
  },
  reasons: ['name', 'phone'],
};

describe('problemDuplicates', () => {
  it('reads the matches of a duplicate_suspected problem', () => {
    expect(problemDuplicates({ code: 'duplicate_suspected', duplicates: [match] })).toEqual([match]);
  });

  it('is null when the member is missing or malformed, so the caller falls back', () => {
    expect(problemDuplicates({ code: 'duplicate_suspected' })).toBeNull();
    expect(problemDuplicates({ duplicates: [{ customer: { id: 'x' }, reasons: ['nope'] }] })).toBeNull();
    expect(problemDuplicates({ duplicates: 'x' })).toBeNull();
  });
});
