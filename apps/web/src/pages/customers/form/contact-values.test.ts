import {
  type Contact,
  type CustomFieldDefinition,
  createContactRequestSchema,
  updateContactRequestSchema,
} from '@weixi/shared';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { contactFormValues, contactRequestFromForm, toUpdateContactRequest } from './contact-values';

const contact: Contact = {
  id: '0190a0a0-0000-7000-8000-0000000000c1',
  customerId: '0190a0a0-0000-7000-8000-0000000000aa',
  name: '陈国华',
  employer: '宁波怡信电子科技有限公司',
  position: '总经理',
  address: '',
  phone: '139****0001',
  email: '',
  wechat: '',
  birthday: '1972-09-12',
  decisionRole: 'decision_maker',
  hasDecisionAuthority: true,
  preferredChannel: 'phone',
  personalNotes: '',
  isKey: true,
  custom: { hobby: '钓鱼', met_on: '2025-05-01' },
  masked: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 2,
};

const def = (
  key: string,
  type: CustomFieldDefinition['type'],
  extra: Partial<CustomFieldDefinition> = {},
): CustomFieldDefinition => ({
  id: `00000000-0000-7000-8000-${String(key.length).padStart(12, '0')}`,
  entity: 'contact',
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
const defs = [def('hobby', 'text'), def('met_on', 'date'), def('vip', 'boolean')];

describe('contact form values', () => {
  it('creates with the name and what was filled in', () => {
    const body = contactRequestFromForm({
      name: ' 刘晓燕 ',
      position: '采购经理',
      phone: '',
      birthday: dayjs('1985-02-28'),
      decisionRole: 'influencer',
      isKey: false,
      hasDecisionAuthority: false,
    });
    expect(body).toEqual({
      name: '刘晓燕',
      position: '采购经理',
      birthday: '1985-02-28',
      decisionRole: 'influencer',
    });
    expect(createContactRequestSchema.safeParse(body).success).toBe(true);
  });

  it('updates nothing when nothing changed, so a masked phone is never written back', () => {
    expect(toUpdateContactRequest(contact, contactFormValues(contact))).toEqual({});
  });

  it('sends only the changed fields, clearing choices with null', () => {
    const values = { ...contactFormValues(contact), position: '董事长', decisionRole: null, isKey: false };
    expect(toUpdateContactRequest(contact, values)).toEqual({
      position: '董事长',
      decisionRole: null,
      isKey: false,
    });
  });

  it('custom values: dates as Dayjs in the form, filled ones on create, the whole set when one changed', () => {
    const values = contactFormValues(contact, defs);
    expect(dayjs.isDayjs(values.custom?.met_on)).toBe(true);
    expect(values.custom?.hobby).toBe('钓鱼');
    expect(toUpdateContactRequest(contact, values, defs)).toEqual({});

    const edited = { ...values, custom: { ...values.custom, hobby: '  ', vip: true } };
    const body = toUpdateContactRequest(contact, edited, defs);
    expect(body).toEqual({ custom: { hobby: null, met_on: '2025-05-01', vip: true } });
    expect(updateContactRequestSchema.safeParse(body).success).toBe(true);

    const created = contactRequestFromForm(
      { name: '王强', custom: { hobby: '围棋', met_on: dayjs('2026-02-28'), vip: undefined } },
      defs,
    );
    expect(created).toEqual({ name: '王强', custom: { hobby: '围棋', met_on: '2026-02-28' } });
  });
});
