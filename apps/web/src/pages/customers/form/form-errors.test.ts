import { describe, expect, it } from 'vitest';
import { changedNames } from './form-errors';

describe('changedNames', () => {
  it('names the edited fields down to custom keys and contact rows', () => {
    expect(changedNames({ creditCode: '9133…' })).toEqual([['creditCode']]);
    expect(changedNames({ custom: { channel_level: 'gold' } })).toEqual([['custom', 'channel_level']]);
    // antd reports a Form.List change as a sparse array holding only the edited row.
    const contacts: unknown[] = [];
    contacts[1] = { phone: '139' };
    expect(changedNames({ contacts })).toEqual([['contacts', 1, 'phone']]);
    contacts[1] = { custom: { hobby: '钓鱼' } };
    expect(changedNames({ contacts })).toEqual([['contacts', 1, 'custom', 'hobby']]);
  });
});
