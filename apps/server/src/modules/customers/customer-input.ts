import type { DB } from '@weixi/db';
import {
  buildSearchIndex,
  type CustomFieldRule,
  creditCodeProblem,
  normalizeCreditCode,
  normalizeName,
  normalizePhone,
  regionProblem,
  validateCustomValues,
} from '@weixi/domain';
import type {
  CreateContactRequest,
  CustomerFieldValues,
  FieldIssue,
  UpdateContactRequest,
} from '@weixi/shared';
import type { Kysely } from 'kysely';
import { AppError } from '../../http/app-error';
import type { Ctx } from '../../http/context';
import { departmentSubtreeIds } from '../identity/identity.repository';
import { can } from './customers.policy';
import {
  activeUsers,
  type ContactWrite,
  type CustomerWrite,
  listCustomFields,
  searchSource,
  setSearchData,
} from './customers.repository';

const creditCodeMessages = {
  length: 'must be 18 characters',
  characters: 'may contain only digits and capital letters except I, O, S, V, Z',
  division: 'characters 3–8 must be the 6-digit region code',
  checksum: 'check character does not match (GB 32100); please re-check the code',
} as const;

/** Maps request fields (camelCase) to columns; only the keys present are written. */
export function toCustomerWrite(input: Partial<CustomerFieldValues>): CustomerWrite {
  const w: CustomerWrite = {};
  const map: [keyof CustomerFieldValues, keyof CustomerWrite][] = [
    ['kind', 'kind'],
    ['name', 'name'],
    ['shortName', 'short_name'],
    ['industry', 'industry'],
    ['scale', 'scale'],
    ['provinceCode', 'province_code'],
    ['cityCode', 'city_code'],
    ['districtCode', 'district_code'],
    ['address', 'address'],
    ['latitude', 'latitude'],
    ['longitude', 'longitude'],
    ['phone', 'phone'],
    ['email', 'email'],
    ['wechat', 'wechat'],
    ['website', 'website'],
    ['source', 'source'],
    ['foundedOn', 'founded_on'],
    ['signedOn', 'signed_on'],
    ['tags', 'tags'],
    ['preferences', 'preferences'],
    ['ownerId', 'owner_id'],
    ['category', 'category'],
    ['grade', 'grade'],
    ['valueTier', 'value_tier'],
    ['lifecycle', 'lifecycle'],
  ];
  for (const [from, to] of map) {
    if (input[from] !== undefined) (w as Record<string, unknown>)[to] = input[from];
  }
  if (input.tags !== undefined) w.tags = [...new Set(input.tags)];
  if (input.creditCode !== undefined) {
    w.credit_code =
      input.creditCode === null || input.creditCode.trim() === ''
        ? null
        : normalizeCreditCode(input.creditCode);
  }
  return w;
}

/**
 * Maps contact request fields to columns; only the keys present are written. Custom values are
 * written only as `checkedCustom`, the values checked against the definitions (checkContactCustom),
 * never as they came in.
 */
export function toContactWrite(
  input: CreateContactRequest | UpdateContactRequest,
  checkedCustom?: Record<string, unknown>,
): ContactWrite {
  const w: ContactWrite = {};
  if (input.name !== undefined) w.name = input.name;
  if (input.employer !== undefined) w.employer = input.employer;
  if (input.position !== undefined) w.position = input.position;
  if (input.address !== undefined) w.address = input.address;
  if (input.phone !== undefined) {
    w.phone = input.phone;
    w.phone_key = normalizePhone(input.phone);
  }
  if (input.email !== undefined) w.email = input.email;
  if (input.wechat !== undefined) w.wechat = input.wechat;
  if (input.birthday !== undefined) w.birthday = input.birthday;
  if (input.decisionRole !== undefined) w.decision_role = input.decisionRole;
  if (input.hasDecisionAuthority !== undefined) w.has_decision_authority = input.hasDecisionAuthority;
  if (input.preferredChannel !== undefined) w.preferred_channel = input.preferredChannel;
  if (input.personalNotes !== undefined) w.personal_notes = input.personalNotes;
  if (input.isKey !== undefined) w.is_key = input.isKey;
  if (checkedCustom !== undefined) w.custom = checkedCustom;
  return w;
}

export interface CustomerChecks {
  /** The write after normalisation (credit code upper-cased, custom values typed). */
  write: CustomerWrite;
  issues: FieldIssue[];
}

/**
 * Checks that need more than the request schema: credit-code checksum, a consistent region
 * chain, custom fields against their definitions, and who may own the customer. Collects every
 * problem so a form can show them all at once.
 */
export async function checkCustomerInput(
  ctx: Ctx,
  input: Partial<CustomerFieldValues>,
  opts: {
    partial: boolean;
    current?: {
      province_code: string | null;
      city_code: string | null;
      district_code: string | null;
      owner_id: string | null;
    };
  },
): Promise<CustomerChecks> {
  const write = toCustomerWrite(input);
  const issues: FieldIssue[] = [];

  if (write.credit_code) {
    const problem = creditCodeProblem(write.credit_code);
    if (problem)
      issues.push({
        path: 'creditCode',
        code: `credit_code_${problem}`,
        message: creditCodeMessages[problem],
      });
  }

  const regionTouched =
    input.provinceCode !== undefined || input.cityCode !== undefined || input.districtCode !== undefined;
  if (regionTouched) {
    const p = input.provinceCode !== undefined ? input.provinceCode : (opts.current?.province_code ?? null);
    const c = input.cityCode !== undefined ? input.cityCode : (opts.current?.city_code ?? null);
    const d = input.districtCode !== undefined ? input.districtCode : (opts.current?.district_code ?? null);
    const problem = regionProblem(p, c, d);
    if (problem) {
      const message = {
        unknown: 'unknown region code',
        not_in_parent: 'is not inside the chosen parent region',
        missing_parent: 'choose the parent region first',
      }[problem.reason];
      issues.push({ path: problem.field, code: `region_${problem.reason}`, message });
    }
  }

  if (input.custom !== undefined || !opts.partial) {
    const res = checkCustomValues(await customFieldRules(ctx.db, 'customer'), input.custom, opts);
    issues.push(...res.issues);
    if (res.values !== undefined) write.custom = res.values;
  }

  if (input.ownerId !== undefined && input.ownerId !== (opts.current?.owner_id ?? null)) {
    const toSomeoneElse = input.ownerId !== null && input.ownerId !== ctx.actor.id;
    if ((toSomeoneElse || opts.current) && !can(ctx.actor, 'assign')) {
      throw new AppError('forbidden', 'Only managers may give a customer to another owner', {
        errors: [{ path: 'ownerId', code: 'forbidden', message: 'only managers may assign owners' }],
      });
    }
    if (input.ownerId !== null) {
      const [owner] = await activeUsers(ctx.db, [input.ownerId]);
      if (!owner) issues.push({ path: 'ownerId', code: 'not_found', message: 'no active user with this id' });
      else if (ctx.actor.dataScope === 'department' && owner.id !== ctx.actor.id) {
        const subtree = ctx.actor.departmentId
          ? await departmentSubtreeIds(ctx.db, ctx.actor.departmentId)
          : [];
        if (!owner.department_id || !subtree.includes(owner.department_id)) {
          issues.push({
            path: 'ownerId',
            code: 'out_of_scope',
            message: 'the owner must be in your department',
          });
        }
      }
    }
  }
  return { write, issues };
}

/** The definitions custom values of an entity are checked against (retired ones included: they refuse). */
export async function customFieldRules(
  db: Kysely<DB>,
  entity: 'customer' | 'contact',
): Promise<CustomFieldRule[]> {
  return (await listCustomFields(db, entity)).map((d) => ({
    key: d.key,
    type: d.type as CustomFieldRule['type'],
    required: d.required,
    active: d.active,
    options: d.options,
  }));
}

/**
 * Custom values against their definitions. On create every required field must be there; on
 * update only the keys sent are checked. `values` is what to store (undefined: leave as is);
 * issue paths are `custom.<key>`, under `prefix` when the values sit deeper in the request.
 */
export function checkCustomValues(
  rules: readonly CustomFieldRule[],
  custom: Record<string, unknown> | undefined,
  opts: { partial: boolean; prefix?: string },
): { values: Record<string, unknown> | undefined; issues: FieldIssue[] } {
  if (custom === undefined && opts.partial) return { values: undefined, issues: [] };
  const res = validateCustomValues(rules, custom ?? {}, { partial: opts.partial });
  const issues = opts.prefix
    ? res.issues.map((i) => ({ ...i, path: `${opts.prefix}.${i.path}` }))
    : res.issues;
  return { values: custom !== undefined || issues.length === 0 ? res.values : undefined, issues };
}

/**
 * A contact's custom values against the `contact` definitions, exactly as a customer's are
 * checked against the `customer` ones. `prefix` places the issues of a contact inside a larger
 * request (`contacts.0`).
 */
export async function checkContactCustom(
  ctx: Pick<Ctx, 'db'>,
  input: Pick<CreateContactRequest, 'custom'>,
  opts: { partial: boolean; prefix?: string; rules?: readonly CustomFieldRule[] },
): Promise<{ values: Record<string, unknown> | undefined; issues: FieldIssue[] }> {
  const rules = opts.rules ?? (await customFieldRules(ctx.db, 'contact'));
  return checkCustomValues(rules, input.custom, opts);
}

export async function checkCollaborators(
  ctx: Ctx,
  ids: string[],
  ownerId: string | null,
): Promise<FieldIssue[]> {
  const unique = [...new Set(ids)].filter((id) => id !== ownerId);
  const found = new Set((await activeUsers(ctx.db, unique)).map((u) => u.id));
  return unique
    .map((id, i) =>
      found.has(id)
        ? null
        : { path: `collaboratorIds.${i}`, code: 'not_found', message: 'no active user with this id' },
    )
    .filter((x): x is FieldIssue => x !== null);
}

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length > 0)
    throw new AppError('validation_failed', 'Some fields are not valid', { errors: issues });
}

export interface SearchData {
  search_lexemes: string[];
  phone_keys: string[];
  name_key: string;
  pinyin_key: string;
}

/** Search and duplicate keys, computed in the app so both engines index the same lexemes. */
export function searchDataFor(
  customer: { name: string; short_name: string; phone: string; credit_code: string | null },
  contacts: readonly { name: string; phone: string }[],
): SearchData {
  const phones = [customer.phone, ...contacts.map((c) => c.phone)];
  // One pass over the names: the customer's name goes through pinyin once for lexemes and key.
  const index = buildSearchIndex({
    names: [customer.name, customer.short_name, ...contacts.map((c) => c.name)],
    phones,
    codes: [customer.credit_code],
  });
  return {
    search_lexemes: index.lexemes,
    phone_keys: [...new Set(phones.map(normalizePhone).filter(Boolean))],
    name_key: normalizeName(customer.name),
    pinyin_key: index.pinyinKey,
  };
}

/** Recomputes a customer's search data after it or one of its contacts changed. */
export async function refreshSearch(db: Kysely<DB>, customerId: string): Promise<void> {
  const { customer, contacts } = await searchSource(db, customerId);
  await setSearchData(db, customerId, searchDataFor(customer, contacts));
}
