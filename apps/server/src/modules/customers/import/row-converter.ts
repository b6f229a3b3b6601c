import type { CustomFieldDefinitionRow } from '@weixi/db';
import {
  type CustomFieldRule,
  cellDateToIso,
  coerceCustomCell,
  type EnumField,
  enumChoices,
  excelSerialToDate,
  normalizeHeader,
  parseDateText,
  parseEnumLabel,
  parseNumberText,
  resolveRegionNames,
  splitRegionText,
  splitTags,
  validateCustomValues,
} from '@weixi/domain';
import {
  type CreateContactRequest,
  type CreateCustomerRequest,
  createCustomerRequestSchema,
} from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { checkCustomerInput, type SearchData, searchDataFor } from '../customer-input';
import type { CustomerWrite } from '../customers.repository';
import { type Cell, cellText, columnLetter, type SheetRow } from './cells';
import { type ImportLocale, importMessage } from './messages';

export interface RowIssue {
  column: string | null;
  code: string;
  message: string;
}

export interface Colleague {
  id: string;
  name: string;
  email: string;
  department_id: string | null;
}

export interface RowContext {
  ctx: Ctx;
  locale: ImportLocale;
  headers: string[];
  /** Mapped columns: index → field key. */
  mapping: Map<number, string>;
  custom: Map<string, CustomFieldDefinitionRow>;
  /** Active custom fields of contacts, for `contactCustom.<key>` columns. */
  contactCustom: Map<string, CustomFieldDefinitionRow>;
  colleagues: {
    byId: Map<string, Colleague>;
    byEmail: Map<string, Colleague>;
    byName: Map<string, Colleague[]>;
  };
  canAssign: boolean;
  /** Department ids an owner must belong to (department-scoped managers); null when anyone goes. */
  ownerDepartments: Set<string> | null;
  /** Owner of rows without an owner cell. */
  defaultOwnerId: string | null;
}

export type ConvertedRow =
  | { ok: false; number: number; raw: string[]; issues: RowIssue[] }
  | {
      ok: true;
      number: number;
      raw: string[];
      request: CreateCustomerRequest;
      write: CustomerWrite;
      contact: CreateContactRequest | null;
      /** Search lexemes and duplicate keys for a new customer, computed as create computes them. */
      search: SearchData;
      /** Fields that had a value in this row: an update changes only these. */
      given: Set<string>;
    };

const enumFields: Record<string, EnumField> = {
  kind: 'kind',
  scale: 'scale',
  source: 'source',
  category: 'category',
  grade: 'grade',
  valueTier: 'valueTier',
  lifecycle: 'lifecycle',
};
const textFields = new Set([
  'name',
  'shortName',
  'creditCode',
  'industry',
  'address',
  'phone',
  'email',
  'wechat',
  'website',
  'preferences',
]);
const contactFields: Record<string, keyof CreateContactRequest> = {
  contactName: 'name',
  contactPosition: 'position',
  contactPhone: 'phone',
  contactEmail: 'email',
};

/** Request path (as the create schema reports it) → import field key. */
const pathField: Record<string, string> = {
  provinceCode: 'province',
  cityCode: 'city',
  districtCode: 'district',
  ownerId: 'owner',
  'contacts.0.name': 'contactName',
  'contacts.0.position': 'contactPosition',
  'contacts.0.phone': 'contactPhone',
  'contacts.0.email': 'contactEmail',
};

function readDate(cell: Cell, text: string): { date: string } | { code: string } {
  if (cell?.t === 'date') {
    const iso = cellDateToIso(cell.v);
    return iso ? { date: iso } : { code: 'impossible_date' };
  }
  if (cell?.t === 'number') {
    const iso = excelSerialToDate(cell.v);
    return iso ? { date: iso } : { code: 'invalid_date' };
  }
  const parsed = parseDateText(text);
  if (parsed.ok) return { date: parsed.date };
  return { code: parsed.reason === 'impossible' ? 'impossible_date' : 'invalid_date' };
}

function ruleOf(def: CustomFieldDefinitionRow): CustomFieldRule {
  return {
    key: def.key,
    type: def.type as CustomFieldRule['type'],
    required: def.required,
    active: def.active,
    options: def.options,
  };
}

/**
 * A custom-field cell → the value its type stores; select options match by value or either label.
 * Undefined when the cell cannot be read as the type (the row is then rejected, never stored empty).
 */
function readCustom(def: CustomFieldDefinitionRow, cell: Cell, text: string): unknown {
  const option = (s: string) => {
    const n = normalizeHeader(s);
    return def.options.find((o) => [o.value, o.labelZh, o.labelEn].some((x) => normalizeHeader(x) === n))
      ?.value;
  };
  switch (def.type) {
    case 'number':
      return cell?.t === 'number' ? cell.v : (parseNumberText(text) ?? undefined);
    case 'boolean':
      return cell?.t === 'bool' ? cell.v : coerceCustomCell(ruleOf(def), text);
    case 'date': {
      const d = readDate(cell, text);
      return 'date' in d ? d.date : undefined;
    }
    case 'single_select':
      return option(text) ?? text;
    case 'multi_select':
      return splitTags(text).map((s) => option(s) ?? s);
    default:
      return text;
  }
}

/**
 * One spreadsheet row → the same request the create API takes, checked with the same rules
 * (createCustomerRequestSchema, then checkCustomerInput for the credit-code checksum and region
 * chain, then the custom-field definitions), or every problem of the row with its column.
 */
export async function convertRow(row: SheetRow, rc: RowContext): Promise<ConvertedRow> {
  const { locale } = rc;
  const raw = rc.headers.map((_, i) => cellText(row.cells[i] ?? null));
  const issues: RowIssue[] = [];
  const columnOf = new Map<string, number>();
  for (const [i, key] of rc.mapping) columnOf.set(key, i);
  const header = (key: string) => {
    const i = columnOf.get(key);
    return i === undefined ? null : (rc.headers[i] ?? columnLetter(i));
  };
  const issue = (key: string | null, code: string, params: Record<string, string | number> = {}) =>
    issues.push({ column: key ? header(key) : null, code, message: importMessage(locale, code, params) });

  const input: Record<string, unknown> = {};
  const contact: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const contactCustom: Record<string, unknown> = {};
  const region: { province?: string; city?: string; district?: string } = {};
  const given = new Set<string>();
  let ownerText: string | null = null;

  for (const [index, key] of rc.mapping) {
    const cell = row.cells[index] ?? null;
    const ref = `${columnLetter(index)}${row.number}`;
    if (cell?.t === 'formula_missing') {
      issue(key, 'formula_without_value', { cell: ref, formula: `=${cell.formula}` });
      continue;
    }
    if (cell?.t === 'error') {
      issue(key, 'cell_error', { cell: ref, value: cell.v });
      continue;
    }
    const text = cellText(cell).trim();
    if (text === '') continue;
    given.add(key);
    if (textFields.has(key)) input[key] = text;
    else if (key in enumFields) {
      const field = enumFields[key]!;
      const value = parseEnumLabel(field, text);
      if (value === null) issue(key, 'invalid_option', { value: text, choices: enumChoices(field) });
      else input[key] = value;
    } else if (key in contactFields) contact[contactFields[key]!] = text;
    else if (key === 'foundedOn' || key === 'signedOn') {
      const d = readDate(cell, text);
      if ('date' in d) input[key] = d.date;
      else issue(key, d.code, { value: text });
    } else if (key === 'latitude' || key === 'longitude') {
      const n = cell?.t === 'number' ? cell.v : parseNumberText(text);
      const max = key === 'latitude' ? 90 : 180;
      if (n === null) issue(key, 'invalid_number', { value: text });
      else if (Math.abs(n) > max) issue(key, 'out_of_range', { value: text, min: -max, max });
      else input[key] = n;
    } else if (key === 'tags') input.tags = splitTags(text);
    else if (key === 'owner') ownerText = text;
    else if (key === 'region') {
      Object.assign(region, splitRegionText(text));
    } else if (key === 'province' || key === 'city' || key === 'district') region[key] = text;
    else if (key.startsWith('custom.')) {
      const def = rc.custom.get(key.slice(7));
      if (!def) continue;
      const value = readCustom(def, cell, text);
      if (value === undefined)
        issue(key, 'custom_invalid', {
          label: locale === 'zh-CN' ? def.label_zh : def.label_en,
          reason: customReason(locale, 'invalid_type', def),
        });
      else custom[def.key] = value;
    } else if (key.startsWith('contactCustom.')) {
      const def = rc.contactCustom.get(key.slice('contactCustom.'.length));
      if (!def) continue;
      const value = readCustom(def, cell, text);
      if (value === undefined)
        issue(key, 'custom_invalid', {
          label: locale === 'zh-CN' ? def.label_zh : def.label_en,
          reason: customReason(locale, 'invalid_type', def),
        });
      else contactCustom[def.key] = value;
    }
  }

  // Region names (or codes) → codes, reporting the column of the level that is wrong.
  if (region.province || region.city || region.district) {
    const r = resolveRegionNames(region);
    if ('problem' in r) {
      const level = r.problem.level;
      const key = columnOf.has(level) ? level : 'region';
      issue(key, r.problem.code, { value: region[level] ?? '' });
    } else Object.assign(input, r.codes);
  }

  // Owner: by e-mail or by name among active colleagues; otherwise the job's default.
  let ownerId: string | null = rc.defaultOwnerId;
  if (ownerText !== null) {
    const text: string = ownerText;
    const matches = text.includes('@')
      ? [rc.colleagues.byEmail.get(text.toLowerCase())].filter((c): c is Colleague => c !== undefined)
      : (rc.colleagues.byName.get(text) ?? []);
    if (matches.length === 0) issue('owner', 'owner_unknown', { value: text });
    else if (matches.length > 1) issue('owner', 'owner_ambiguous', { value: text, count: matches.length });
    else ownerId = matches[0]!.id;
  }
  if (ownerId !== null && ownerId !== rc.ctx.actor.id) {
    if (!rc.canAssign) issue(ownerText !== null ? 'owner' : null, 'owner_forbidden');
    else if (rc.ownerDepartments) {
      const owner = rc.colleagues.byId.get(ownerId);
      if (!owner?.department_id || !rc.ownerDepartments.has(owner.department_id))
        issue(ownerText !== null ? 'owner' : null, 'owner_out_of_scope', { value: owner?.name ?? '' });
    }
  }
  input.ownerId = ownerId;

  // Contact custom values without a contact name make a contact without a name: reported below.
  const hasContact = Object.keys(contact).length > 0 || Object.keys(contactCustom).length > 0;
  const parsed = createCustomerRequestSchema.safeParse({
    ...input,
    ...(hasContact ? { contacts: [{ ...contact, custom: contactCustom }] } : {}),
  });
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const path = zi.path.map(String).join('.');
      const key = pathField[path] ?? (zi.path[0] === 'tags' ? 'tags' : String(zi.path[0] ?? ''));
      if (zi.path[0] === 'contacts' && !pathField[path]) {
        issue('contactName', 'required');
        continue;
      }
      const value = String(input[key] ?? contact[contactFields[key] ?? ''] ?? '');
      if (zi.code === 'too_big') {
        issue(key, zi.origin === 'array' ? 'too_many' : 'too_long', { max: Number(zi.maximum) });
      } else if (zi.code === 'too_small' || (zi.code === 'invalid_type' && value === ''))
        issue(key, 'required');
      else if (key === 'email' || key === 'contactEmail') issue(key, 'invalid_email', { value });
      else if (key === 'website') issue(key, 'invalid_website', { value });
      else if (key === 'phone' || key === 'contactPhone') issue(key, 'invalid_phone', { value });
      else issue(key, 'invalid_format', { value });
    }
  }

  // Every problem of the row is collected, so the user fixes them all in one pass.
  const checked = parsed.success
    ? await checkCustomerInput(rc.ctx, withoutOwnerAndContacts(parsed.data), { partial: true })
    : null;
  for (const fi of checked?.issues ?? []) {
    const field = pathField[fi.path] ?? fi.path;
    // Region codes found from a combined 所在地区 column report on that column.
    const key = columnOf.has(field) || !['province', 'city', 'district'].includes(field) ? field : 'region';
    issue(key, fi.code, { value: String(input[fi.path] ?? '') });
  }
  // Custom values against their definitions, the contact's only when the row has a contact.
  const checkCustom = (
    defs: Map<string, CustomFieldDefinitionRow>,
    values: Record<string, unknown>,
    prefix: 'custom' | 'contactCustom',
  ) => {
    const res = validateCustomValues([...defs.values()].map(ruleOf), values, { partial: false });
    for (const ci of res.issues) {
      const key = ci.path.replace(/^custom\./, '');
      const def = defs.get(key);
      // Values that could not be read as the type were reported while reading the cell.
      if (!def || issues.some((i) => i.code === 'custom_invalid' && i.column === header(`${prefix}.${key}`)))
        continue;
      issue(`${prefix}.${key}`, 'custom_invalid', {
        label: locale === 'zh-CN' ? def.label_zh : def.label_en,
        reason: customReason(locale, ci.code, def),
      });
    }
    return res.values;
  };
  const customValues = checkCustom(rc.custom, custom, 'custom');
  const contactCustomValues = hasContact ? checkCustom(rc.contactCustom, contactCustom, 'contactCustom') : {};
  if (!parsed.success || !checked || issues.length > 0) {
    // In column order, as the user reads the row.
    const position = (c: string | null) => (c === null ? Number.MAX_SAFE_INTEGER : rc.headers.indexOf(c));
    issues.sort((a, b) => position(a.column) - position(b.column));
    return { ok: false, number: row.number, raw, issues };
  }
  const request = parsed.data;

  const write: CustomerWrite = { ...checked.write, owner_id: ownerId, custom: customValues };
  const rowContact = request.contacts?.[0];
  const main = rowContact ? { ...rowContact, custom: contactCustomValues } : null;
  // Computed here, outside the batch transaction: the pinyin work then overlaps the database's.
  const search = searchDataFor(
    {
      name: request.name,
      short_name: write.short_name ?? '',
      phone: write.phone ?? '',
      credit_code: write.credit_code ?? null,
    },
    main ? [{ name: main.name, phone: main.phone ?? '' }] : [],
  );
  return { ok: true, number: row.number, raw, request, write, contact: main, search, given };
}

/** Credit-code checksum and region chain exactly as the create API checks them; the owner and
 * custom values are checked here with definitions and colleagues loaded once per job. */
function withoutOwnerAndContacts(request: CreateCustomerRequest) {
  const { contacts: _c, ownerId: _o, custom: _u, ...plain } = request;
  return plain;
}

function customReason(locale: ImportLocale, code: string, def: CustomFieldDefinitionRow | undefined): string {
  const zh = locale === 'zh-CN';
  switch (code) {
    case 'required':
      return importMessage(locale, 'required');
    case 'invalid_option':
      return `${zh ? '可选' : 'one of'}: ${(def?.options ?? []).map((o) => (zh ? o.labelZh : o.labelEn)).join(', ')}`;
    case 'invalid_date':
      return zh ? '不是有效日期' : 'not a real date';
    case 'too_big':
      return zh ? '内容过长' : 'too long';
    case 'unknown_field':
      return zh ? '该字段已停用' : 'this field is no longer active';
    default:
      return def?.type === 'number'
        ? zh
          ? '不是数字'
          : 'not a number'
        : def?.type === 'boolean'
          ? zh
            ? '不是“是/否”'
            : 'not yes/no'
          : zh
            ? '格式不正确'
            : 'wrong format';
  }
}
