import type { Contact, CreateContactRequest, UpdateContactRequest } from '@weixi/shared';
import type { Dayjs } from 'dayjs';
import { fromDateString, toDateString } from './dates';

/** A contact as its form holds it (the drawer on the detail page and the initial contacts on create). */
export interface ContactFormValues {
  name?: string;
  employer?: string;
  position?: string;
  address?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  birthday?: Dayjs | null;
  decisionRole?: NonNullable<CreateContactRequest['decisionRole']> | null;
  hasDecisionAuthority?: boolean;
  preferredChannel?: NonNullable<CreateContactRequest['preferredChannel']> | null;
  personalNotes?: string;
  isKey?: boolean;
}

export const contactTextFields = [
  'employer',
  'position',
  'address',
  'phone',
  'email',
  'wechat',
  'personalNotes',
] as const;

const str = (v: string | undefined | null): string => (v ?? '').trim();

/** The create body: the name and whatever else was filled in. */
export function contactRequestFromForm(v: ContactFormValues): CreateContactRequest {
  const body: CreateContactRequest = { name: str(v.name) };
  for (const key of contactTextFields) if (str(v[key]) !== '') body[key] = str(v[key]);
  const birthday = toDateString(v.birthday);
  if (birthday) body.birthday = birthday;
  if (v.decisionRole) body.decisionRole = v.decisionRole;
  if (v.preferredChannel) body.preferredChannel = v.preferredChannel;
  if (v.hasDecisionAuthority) body.hasDecisionAuthority = true;
  if (v.isKey) body.isKey = true;
  return body;
}

export function contactFormValues(c: Contact): ContactFormValues {
  return {
    name: c.name,
    employer: c.employer,
    position: c.position,
    address: c.address,
    phone: c.phone,
    email: c.email,
    wechat: c.wechat,
    birthday: fromDateString(c.birthday),
    decisionRole: c.decisionRole,
    hasDecisionAuthority: c.hasDecisionAuthority,
    preferredChannel: c.preferredChannel,
    personalNotes: c.personalNotes,
    isKey: c.isKey,
  };
}

/** Only the changed fields, so untouched (possibly masked) phone numbers are never sent back. */
export function toUpdateContactRequest(c: Contact, v: ContactFormValues): UpdateContactRequest {
  const body: UpdateContactRequest = {};
  if (str(v.name) !== c.name) body.name = str(v.name);
  for (const key of contactTextFields) if (str(v[key]) !== c[key]) body[key] = str(v[key]);
  const birthday = toDateString(v.birthday);
  if (birthday !== c.birthday) body.birthday = birthday;
  if ((v.decisionRole ?? null) !== c.decisionRole) body.decisionRole = v.decisionRole ?? null;
  if ((v.preferredChannel ?? null) !== c.preferredChannel) body.preferredChannel = v.preferredChannel ?? null;
  if (Boolean(v.hasDecisionAuthority) !== c.hasDecisionAuthority)
    body.hasDecisionAuthority = Boolean(v.hasDecisionAuthority);
  if (Boolean(v.isKey) !== c.isKey) body.isKey = Boolean(v.isKey);
  return body;
}
