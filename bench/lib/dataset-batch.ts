// Batches of generated customers with their contacts and search data, as column arrays. The search
// lexemes come from the application's own code (searchDataFor), which costs about 0.3 ms per
// customer, so bench/generate.ts builds batches in child processes (generate-worker.ts).
import { normalizePhone } from '@weixi/domain';
import { searchDataFor } from '../../apps/server/src/modules/customers/customer-input';
import { generateCustomer } from './names';
import { Rng, uuidv7At, Weighted } from './random';

export interface WorkerInit {
  seed: number;
  nowMs: number;
  adminId: string;
  owners: { id: string; departmentId: string }[];
}

export interface BatchRequest {
  batch: number;
  count: number;
}

/** Column arrays for one multi-row INSERT … SELECT FROM unnest(…); list-valued columns joined by \x1f. */
export interface BatchResult {
  batch: number;
  customers: Record<CustomerColumn, (string | null)[]>;
  contacts: Record<ContactColumn, (string | null)[]>;
  collaborators: { customer_id: string[]; user_id: string[] };
}

export const listSeparator = '\x1f';

export const customerColumns = [
  'id',
  'kind',
  'name',
  'short_name',
  'credit_code',
  'industry',
  'scale',
  'province_code',
  'city_code',
  'district_code',
  'address',
  'phone',
  'email',
  'wechat',
  'website',
  'source',
  'founded_on',
  'signed_on',
  'tags',
  'owner_id',
  'category',
  'grade',
  'value_tier',
  'lifecycle',
  'status',
  'invalid_reason',
  'invalidated_at',
  'invalidated_by',
  'verified_at',
  'verified_by',
  'name_key',
  'pinyin_key',
  'phone_keys',
  'search',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
] as const;
export type CustomerColumn = (typeof customerColumns)[number];

export const contactColumns = [
  'id',
  'customer_id',
  'name',
  'position',
  'phone',
  'phone_key',
  'decision_role',
  'has_decision_authority',
  'is_key',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
] as const;
export type ContactColumn = (typeof contactColumns)[number];

const day = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function buildBatch(init: WorkerInit, req: BatchRequest): BatchResult {
  // One generator per batch: the archive is the same whichever worker builds which batch.
  const rng = new Rng(init.seed * 1_000_003 + req.batch);
  const ownerPick = new Weighted(init.owners.map((o, i) => [o, 0.4 + ((i * 7919) % 97) / 80] as const));
  const byDepartment = new Map<string, string[]>();
  for (const o of init.owners) {
    const list = byDepartment.get(o.departmentId) ?? [];
    list.push(o.id);
    byDepartment.set(o.departmentId, list);
  }
  const cust = Object.fromEntries(customerColumns.map((c) => [c, [] as (string | null)[]])) as Record<
    CustomerColumn,
    (string | null)[]
  >;
  const cont = Object.fromEntries(contactColumns.map((c) => [c, [] as (string | null)[]])) as Record<
    ContactColumn,
    (string | null)[]
  >;
  const collaborators = { customer_id: [] as string[], user_id: [] as string[] };
  const sixYears = 6 * 365 * day;

  for (let i = 0; i < req.count; i++) {
    const g = generateCustomer(rng);
    // Recent customers are more numerous than old ones: the archive grew over the years.
    const createdAt = init.nowMs - sixYears * rng.next() ** 1.6;
    const updatedAt = createdAt + (init.nowMs - createdAt) * (1 - rng.next() ** 3);
    const id = uuidv7At(createdAt, rng);
    const owner = rng.chance(0.04) ? null : ownerPick.pick(rng);
    const actor = owner?.id ?? init.adminId;
    const invalid = rng.chance(0.02);
    const verified = owner && rng.chance(0.55) ? init.nowMs - rng.next() * 400 * day : null;
    const signed =
      g.lifecycle === 'prospect' ? null : isoDay(createdAt + (init.nowMs - createdAt) * rng.next() * 0.3);
    const search = searchDataFor(
      { name: g.name, short_name: g.shortName, phone: g.phone, credit_code: g.creditCode },
      g.contacts,
    );
    const row: Record<CustomerColumn, string | null> = {
      id,
      kind: g.kind,
      name: g.name,
      short_name: g.shortName,
      credit_code: g.creditCode,
      industry: g.industry,
      scale: g.scale,
      province_code: g.provinceCode,
      city_code: g.cityCode,
      district_code: g.districtCode,
      address: g.address,
      phone: g.phone,
      email: g.email,
      wechat: g.wechat,
      website: g.website,
      source: g.source,
      founded_on: g.foundedOn,
      signed_on: signed,
      tags: g.tags.join(listSeparator),
      owner_id: owner?.id ?? null,
      category: g.category,
      grade: g.grade,
      value_tier: g.valueTier,
      lifecycle: g.lifecycle,
      status: invalid ? 'invalid' : 'active',
      invalid_reason: invalid ? rng.pick(['公司已注销', '重复录入', '长期无法联系']) : null,
      invalidated_at: invalid ? new Date(updatedAt).toISOString() : null,
      invalidated_by: invalid ? actor : null,
      verified_at: verified ? new Date(verified).toISOString() : null,
      verified_by: verified ? actor : null,
      name_key: search.name_key,
      pinyin_key: search.pinyin_key,
      phone_keys: search.phone_keys.join(listSeparator),
      search: search.search_lexemes.join(listSeparator),
      created_at: new Date(createdAt).toISOString(),
      updated_at: new Date(updatedAt).toISOString(),
      created_by: actor,
      updated_by: actor,
    };
    for (const c of customerColumns) cust[c].push(row[c]);

    g.contacts.forEach((c, n) => {
      const at = new Date(createdAt + n * 60_000).toISOString();
      cont.id.push(uuidv7At(createdAt + n * 60_000, rng));
      cont.customer_id.push(id);
      cont.name.push(c.name);
      cont.position.push(c.position);
      cont.phone.push(c.phone);
      cont.phone_key.push(normalizePhone(c.phone));
      cont.decision_role.push(c.decisionRole);
      cont.has_decision_authority.push(c.decisionRole === 'decision_maker' ? 'true' : 'false');
      cont.is_key.push(c.isKey ? 'true' : 'false');
      cont.created_at.push(at);
      cont.updated_at.push(at);
      cont.created_by.push(actor);
      cont.updated_by.push(actor);
    });

    if (owner && rng.chance(0.03)) {
      const colleagues = (byDepartment.get(owner.departmentId) ?? []).filter((u) => u !== owner.id);
      if (colleagues.length) {
        collaborators.customer_id.push(id);
        collaborators.user_id.push(rng.pick(colleagues));
      }
    }
  }
  return { batch: req.batch, customers: cust, contacts: cont, collaborators };
}
