import type {
  Contact,
  CreateContactRequest,
  CustomFieldDefinition,
  UpdateContactRequest,
} from '@weixi/shared';
import type { Dayjs } from 'dayjs';
import { changedCustomValues, customFormValues, filledCustomValues } from './custom-values';
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
  /** Values of the contact custom fields, keyed by field key; dates as Dayjs while in the form. */
  custom?: Record<string, unknown>;
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

/** The create body: the name and whatever else was filled in (custom values by `defs`). */
export function contactRequestFromForm(
  v: ContactFormValues,
  defs: readonly CustomFieldDefinition[] = [],
): CreateContactRequest {
  const body: CreateContactRequest = { name: str(v.name) };
  for (const key of contactTextFields) if (str(v[key]) !== '') body[key] = str(v[key]);
  const birthday = toDateString(v.birthday);
  if (birthday) body.birthday = birthday;
  if (v.decisionRole) body.decisionRole = v.decisionRole;
  if (v.preferredChannel) body.preferredChannel = v.preferredChannel;
  if (v.hasDecisionAuthority) body.hasDecisionAuthority = true;
  if (v.isKey) body.isKey = true;
  const custom = filledCustomValues(defs, v.custom);
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
}

export function contactFormValues(
  c: Contact,
  defs: readonly CustomFieldDefinition[] = [],
): ContactFormValues {
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
    custom: customFormValues(defs, c.custom),
  };
}

/** Only the changed fields, so untouched (possibly masked) phone numbers are never sent back. */
export function toUpdateContactRequest(
  c: Contact,
  v: ContactFormValues,
  defs: readonly CustomFieldDefinition[] = [],
): UpdateContactRequest {
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
  const custom = changedCustomValues(defs, v.custom, c.custom);
  if (custom) body.custom = custom;
  return body;
}
