import { type Contact, createContactRequestSchema } from '@weixi/shared';
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
  masked: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 2,
};

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
});
