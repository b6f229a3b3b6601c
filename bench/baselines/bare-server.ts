// The raw baseline: a minimal Fastify server doing the benchmarked requests' work by hand-written
// SQL straight through `pg` (or PGlite's own query method in embedded mode) — no plugins, no
// schema validation or serializer, no query builder, no use-case layers. The same session lookup
// authenticates every request. Run by bench/run.ts in its own process:
//   PORT=… DATABASE_URL=postgres://… | DATA_DIR=<pglite dir>  npx tsx bench/baselines/bare-server.ts
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { buildSearchQuery, normalizePhone, regionName } from '@weixi/domain';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';

type Row = Record<string, unknown>;
type Query = (text: string, params: unknown[]) => Promise<Row[]>;

// Same type handling as the app: dates stay 'YYYY-MM-DD', int8 stays a string.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

async function connect(): Promise<{ query: Query; engine: 'postgres' | 'pglite' }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.POOL_SIZE ?? 10) });
    return { engine: 'postgres', query: async (text, params) => (await pool.query(text, params)).rows };
  }
  const dir = process.env.DATA_DIR;
  if (!dir) throw new Error('set DATABASE_URL or DATA_DIR');
  const db = await PGlite.create(dir);
  return { engine: 'pglite', query: async (text, params) => (await db.query<Row>(text, params)).rows };
}

interface Actor {
  id: string;
  name: string;
  email: string;
  role: string;
  data_scope: string;
  department_id: string | null;
  department_name: string | null;
  locale: string;
  csrf_token: string;
}

const sessionSql = `
  select u.id, u.name, u.email, u.role, u.data_scope, u.department_id, u.locale,
    d.name as department_name, s.csrf_token
  from user_session s
  join app_user u on u.id = s.user_id
  left join department d on d.id = u.department_id
  where s.id = $1 and s.expires_at > now() and u.status = 'active'`;

const subtreeSql = `
  with recursive sub(id) as (
    select id from department where id = $1
    union
    select d.id from department d join sub on d.parent_id = sub.id)
  select id from sub`;

const columns = `c.id, c.kind, c.name, c.short_name, c.credit_code, c.industry, c.scale, c.province_code,
  c.city_code, c.district_code, c.address, c.latitude, c.longitude, c.phone, c.email, c.wechat, c.website,
  c.source, c.founded_on, c.signed_on, c.tags, c.preferences, c.owner_id, c.department_id, c.category,
  c.grade, c.value_tier, c.lifecycle, c.status, c.invalid_reason, c.invalidated_at, c.merged_into_id,
  c.verified_at, c.verified_by, c.custom, c.version, c.created_at, c.updated_at, c.created_by, c.updated_by,
  o.name as owner_name, v.name as verified_by_name,
  coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
    from customer_collaborator cc join app_user u on u.id = cc.user_id
    where cc.customer_id = c.id), '[]'::json) as collaborators`;

const frontLine = new Set(['admin', 'executive', 'department_manager', 'account_manager', 'service_agent']);

function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (!d) return '';
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : `****${d.slice(-2)}`;
}

/** JSON.stringify replacer masking contact details at any depth, as the app's history does. */
function maskJson(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (key === 'phone') return maskPhone(v);
  if (key === 'email') {
    const at = v.indexOf('@');
    return at > 0 ? `${v[0]}***${v.slice(at)}` : v ? '***' : '';
  }
  if (key === 'wechat') return v ? '***' : '';
  return v;
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const day = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : ((v as string | null) ?? null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function present(r: Row, actor: Actor) {
  const collaborators = (
    typeof r.collaborators === 'string' ? JSON.parse(r.collaborators) : r.collaborators
  ) as {
    id: string;
    name: string;
  }[];
  const plain =
    frontLine.has(actor.role) && (r.owner_id === actor.id || collaborators.some((c) => c.id === actor.id));
  const email = String(r.email ?? '');
  const at = email.indexOf('@');
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    creditCode: r.credit_code,
    industry: r.industry,
    scale: r.scale,
    provinceCode: r.province_code,
    cityCode: r.city_code,
    districtCode: r.district_code,
    regionName: [
      regionName(r.province_code as string),
      regionName(r.city_code as string),
      regionName(r.district_code as string),
    ]
      .filter((n) => n && n !== '市辖区' && n !== '县')
      .join(' / '),
    address: r.address,
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    phone: plain ? r.phone : maskPhone(String(r.phone)),
    email: plain || !email ? email : at > 0 ? `${email[0]}***${email.slice(at)}` : '***',
    wechat: plain ? r.wechat : r.wechat ? '***' : '',
    website: r.website,
    source: r.source,
    foundedOn: day(r.founded_on),
    signedOn: day(r.signed_on),
    tags: r.tags,
    preferences: r.preferences,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    collaborators,
    category: r.category,
    grade: r.grade,
    valueTier: r.value_tier,
    lifecycle: r.lifecycle,
    status: r.status,
    invalidReason: r.invalid_reason,
    invalidatedAt: iso(r.invalidated_at),
    mergedIntoId: r.merged_into_id,
    verifiedAt: iso(r.verified_at),
    verifiedBy: r.verified_by ? { id: r.verified_by, name: r.verified_by_name ?? '' } : null,
    custom: r.custom,
    masked: !plain,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

async function main() {
  const { query, engine } = await connect();
  const app = Fastify({ logger: false });

  async function actorOf(req: FastifyRequest, reply: FastifyReply): Promise<Actor | null> {
    const token = /(?:^|;\s*)weixi_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const rows = token ? await query(sessionSql, [createHash('sha256').update(token).digest('hex')]) : [];
    if (!rows[0]) {
      reply.code(401).send({ code: 'unauthenticated' });
      return null;
    }
    return rows[0] as unknown as Actor;
  }

  /** The scope condition as the app applies it: own, collaborated, or owned inside the subtree. */
  async function scopeSql(actor: Actor, params: unknown[]): Promise<string> {
    if (actor.data_scope === 'all') return 'true';
    params.push(actor.id);
    const me = `$${params.length}`;
    let cond = `c.owner_id = ${me} or c.id = any(array(select cc.customer_id from customer_collaborator cc where cc.user_id = ${me}))`;
    if (actor.data_scope === 'department' && actor.department_id) {
      const ids = (await query(subtreeSql, [actor.department_id])).map((r) => r.id);
      params.push(ids);
      cond += ` or c.owner_id in (select u.id from app_user u where u.department_id = any($${params.length}))`;
    }
    return `(${cond})`;
  }

  app.get('/readyz', async () => {
    await query('select 1', []);
    return { status: 'ok' };
  });

  app.get('/api/v1/me', async (req, reply) => {
    const a = await actorOf(req, reply);
    if (!a) return reply;
    return {
      id: a.id,
      email: a.email,
      name: a.name,
      role: a.role,
      dataScope: a.data_scope,
      department: a.department_id ? { id: a.department_id, name: a.department_name ?? '' } : null,
      locale: a.locale,
      csrfToken: a.csrf_token,
      engine,
    };
  });

  app.get('/api/v1/customers', async (req, reply) => {
    const a = await actorOf(req, reply);
    if (!a) return reply;
    const qs = req.query as Record<string, string | undefined>;
    const limit = Math.min(200, Number(qs.limit ?? 50));
    const params: unknown[] = [];
    // The actor's own customers are inside every scope (the app leaves the test out too).
    const where = qs.ownerId && qs.ownerId === a.id ? [] : [await scopeSql(a, params)];
    const search = qs.q ? buildSearchQuery(qs.q) : null;
    where.push(search ? `c.status <> 'merged'` : `c.status = 'active'`);
    if (qs.ownerId) {
      params.push(qs.ownerId);
      where.push(`c.owner_id = $${params.length}`);
    }
    if (qs.grade) {
      params.push(qs.grade.split(','));
      where.push(`c.grade = any($${params.length})`);
    }
    const from = `from customer c left join app_user o on o.id = c.owner_id left join app_user v on v.id = c.verified_by`;
    let rows: Row[];
    if (search && qs.q) {
      // The same two-part relevance query as the app: exact/prefix matches through the prefix
      // indexes, then the other matches in name order, first page only.
      const raw = qs.q.trim();
      const lower = raw.toLowerCase();
      const like = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
      params.push(search.tsquery);
      where.push(`c.search @@ $${params.length}::tsquery`);
      if (search.recheck) {
        params.push(`%${like(search.recheck)}%`);
        const p = `$${params.length}`;
        where.push(
          `(c.name ilike ${p} or c.short_name ilike ${p} or exists (select 1 from contact k where k.customer_id = c.id and k.name ilike ${p}))`,
        );
      }
      params.push(
        lower,
        raw.toUpperCase(),
        normalizePhone(raw),
        `${like(raw)}%`,
        `${like(lower)}%`,
        `% ${like(lower)}%`,
      );
      const n = params.length;
      const rank = `(case
        when lower(c.name) = $${n - 5} or lower(c.short_name) = $${n - 5} or c.credit_code = $${n - 4}
          or ($${n - 3} <> '' and c.phone_keys @> array[$${n - 3}]::text[]) then 0
        when c.name ilike $${n - 2} or c.short_name ilike $${n - 2}
          or c.pinyin_key like $${n - 1} or c.pinyin_key like $${n} then 1
        else 2 end)`;
      const head = `(lower(c.name) like $${n - 1} or lower(c.short_name) like $${n - 1}
        or c.pinyin_key like $${n - 1} or split_part(c.pinyin_key, ' ', 2) like $${n - 1}
        or c.credit_code = $${n - 4}
        or ($${n - 3} <> '' and c.phone_keys @> array[$${n - 3}]::text[]))`;
      const w = where.join(' and ');
      // Up to 1,001 matches ranked in one query; beyond that, exact/prefix matches first and
      // then the rest in name order — the same plan as the app, written by hand.
      rows = await query(
        `with m as materialized (select c.id, c.name, ${rank} as rank from customer c where ${w} limit 1001),
          p as (select m.id, m.rank from m order by m.rank, m.name, m.id limit ${limit + 1})
         select ${columns}, p.rank, (select count(*) from m) as matches
         from p join customer c on c.id = p.id left join app_user o on o.id = c.owner_id
           left join app_user v on v.id = c.verified_by
         order by p.rank, c.name, c.id`,
        params,
      );
      if (Number(rows[0]?.matches ?? 0) > 1000) {
        rows = await query(
          `select ${columns}, ${rank} as rank ${from} where ${w} and ${head} order by rank, c.name, c.id limit ${limit + 1}`,
          params,
        );
        if (rows.length <= limit) {
          const tail = await query(
            `select ${columns}, ${rank} as rank ${from} where ${w} and ${head} is not true order by c.name, c.id limit ${limit + 1 - rows.length}`,
            params,
          );
          rows = [...rows, ...tail];
        }
      }
    } else {
      params.push(limit + 1);
      rows = await query(
        `select ${columns} ${from} where ${where.join(' and ')}
         order by c.updated_at desc, c.id desc limit $${params.length}`,
        params,
      );
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => present(r, a)),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([iso(last.updated_at), last.id])).toString('base64url')
          : null,
    };
  });

  // Timeline baseline (issue 5): the customer in scope, one union of a branch per kind below no
  // cursor, each limited, merged and cut; then the names, one query. Presented by hand.
  app.get('/api/v1/customers/:id/timeline', async (req, reply) => {
    const a = await actorOf(req, reply);
    if (!a) return reply;
    const id = (req.params as { id: string }).id;
    const limit = Math.min(200, Number((req.query as Record<string, string>).limit ?? 20));
    const params: unknown[] = [id];
    const scope = await scopeSql(a, params);
    const found = await query(
      `select c.owner_id, coalesce((select json_agg(cc.user_id) from customer_collaborator cc where cc.customer_id = c.id), '[]'::json) as collaborators
       from customer c where c.id = $1 and ${scope}`,
      params,
    );
    const customer = found[0];
    if (!customer) return reply.code(404).send({ code: 'not_found' });
    const n = limit + 1;
    const rows = await query(
      `select * from (
        (select 'interaction' as kind, 'interaction:' || i.id as key, i.occurred_at as at, i.created_by as actor_id,
           json_build_object('channel', i.channel, 'direction', i.direction, 'summary', i.summary,
             'needsFound', i.needs_found, 'nextStep', i.next_step, 'visitId', i.visit_id, 'qualifies', i.qualifies,
             'guide', json_build_object('business', i.guide_business, 'needs', i.guide_needs,
               'rapport', i.guide_rapport, 'value', i.guide_value),
             'contacts', coalesce((select json_agg(json_build_object('id', k.id, 'name', k.name) order by k.name)
               from interaction_contact ic join contact k on k.id = ic.contact_id where ic.interaction_id = i.id), '[]'),
             'staffIds', coalesce((select json_agg(st.user_id order by st.user_id) from interaction_staff st
               where st.interaction_id = i.id), '[]')) as data
         from interaction i where i.customer_id = $1 order by i.occurred_at desc, i.id desc limit $2)
        union all
        (select 'visit', 'visit:' || v.id, coalesce(v.reported_at, v.check_in_at,
             timezone('Asia/Shanghai', v.planned_on + coalesce(v.planned_time, time '00:00'))), v.visitor_id,
           json_build_object('status', v.status, 'plannedOn', v.planned_on, 'purpose', v.purpose,
             'visitorId', v.visitor_id, 'checkInAt', v.check_in_at, 'checkInFlag', v.check_in_flag,
             'reportSummary', v.report_summary, 'reportedAt', v.reported_at)
         from visit v where v.customer_id = $1 order by 3 desc, v.id desc limit $2)
        union all
        (select 'task', 'task:' || t.id, t.created_at, t.created_by,
           json_build_object('title', t.title, 'status', t.status, 'dueOn', t.due_on, 'ownerId', t.owner_id,
             'source', t.source, 'completedAt', t.completed_at)
         from task t where t.customer_id = $1 order by t.created_at desc, t.id desc limit $2)
        union all
        (select 'order', 'order:' || o.id, timezone('Asia/Shanghai', o.ordered_on::timestamp), o.created_by,
           json_build_object('orderedOn', o.ordered_on, 'productId', o.product_id, 'productName', p.name,
             'quantity', o.quantity, 'amountFen', o.amount_fen, 'channel', o.channel)
         from customer_order o join product p on p.id = o.product_id
         where o.customer_id = $1 order by o.ordered_on desc, o.id desc limit $2)
        union all
        (select 'grade', 'grade:' || lpad(g.id::text, 19, '0'), g.at, g.actor_id,
           json_build_object('from', g.from_grade, 'to', g.to_grade, 'cause', g.cause, 'reason', g.reason)
         from grade_history g where g.customer_id = $1 order by g.at desc, g.id desc limit $2)
        union all
        (select 'owner', 'owner:' || h.id, h.at, h.actor_id,
           json_build_object('kind', h.kind, 'fromId', h.from_user_id, 'toId', h.to_user_id, 'reason', h.reason)
         from ownership_history h where h.customer_id = $1 order by h.at desc, h.id desc limit $2)
        union all
        (select 'edit', 'edit:' || l.id, l.at, l.actor_id,
           json_build_object('action', l.action, 'before', l.before, 'after', l.after)
         from audit_log l where l.entity = 'customer' and l.entity_id = $1::text
           and not (l.action like any(array['order.%', 'interaction.%', 'task.%', 'visit.%'])
             and not l.action like any(array['%.delete', 'order.move']))
           and l.action <> all(array['customer.transfer', 'customer.claim', 'customer.release',
             'customer.recycle', 'customer.unmask'])
         order by l.at desc, l.id desc limit $2)
      ) u order by u.at desc, u.key collate "C" desc limit $2`,
      [id, n],
    );
    const page = rows.slice(0, limit);
    const people = new Set<string>();
    for (const r of page) {
      const d = r.data as Record<string, unknown>;
      for (const v of [
        r.actor_id,
        d.visitorId,
        d.ownerId,
        d.fromId,
        d.toId,
        ...((d.staffIds as string[]) ?? []),
      ])
        if (typeof v === 'string') people.add(v);
    }
    const names = new Map(
      (await query('select id, name from app_user where id = any($1)', [[...people]])).map((u) => [
        u.id,
        u.name,
      ]),
    );
    const ref = (v: unknown) => (typeof v === 'string' ? { id: v, name: names.get(v) ?? '' } : null);
    const collaborators = customer.collaborators as string[];
    const masked = !frontLine.has(a.role) || (customer.owner_id !== a.id && !collaborators.includes(a.id));
    const last = page.at(-1);
    return {
      items: page.map((r) => {
        const d = { ...(r.data as Record<string, unknown>) };
        if (r.kind === 'interaction') d.staff = (d.staffIds as string[]).map(ref);
        if (r.kind === 'visit') d.visitor = ref(d.visitorId);
        if (r.kind === 'task') d.owner = ref(d.ownerId);
        if (r.kind === 'owner') Object.assign(d, { from: ref(d.fromId), to: ref(d.toId) });
        if (r.kind === 'edit' && masked)
          for (const k of ['before', 'after'] as const)
            d[k] = JSON.parse(JSON.stringify(d[k] ?? null, maskJson));
        const key = String(r.key);
        return {
          id: r.kind === 'grade' ? `grade:${Number(key.slice(6))}` : key,
          kind: r.kind,
          at: iso(r.at),
          actor: ref(r.actor_id),
          data: d,
        };
      }),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([iso(last.at), last.key])).toString('base64url')
          : null,
    };
  });

  // Follow-ups baseline (issue 5): "due today" for the actor, or for everyone in their department
  // subtree (view=team), one index range per owner through customer_follow_up_due.
  app.get('/api/v1/follow-ups', async (req, reply) => {
    const a = await actorOf(req, reply);
    if (!a) return reply;
    const qs = req.query as Record<string, string | undefined>;
    const limit = Math.min(200, Number(qs.limit ?? 20));
    let owners = [a.id];
    if (qs.view === 'team' && a.department_id) {
      const ids = (await query(subtreeSql, [a.department_id])).map((r) => r.id);
      owners = (await query(`select id from app_user where department_id = any($1)`, [ids])).map((r) =>
        String(r.id),
      );
    }
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const rows = await query(
      `select c.id, c.name, c.grade, c.category, c.owner_id, c.created_at, p.due_at as follow_up_due_at,
         c.last_follow_up_at, c.last_owner_contact_at, u.name as owner_name
       from (select x.* from unnest($1::uuid[]) as o(id)
         cross join lateral (
           select f.customer_id, f.due_at from customer_follow_up f
           where f.owner_id = o.id
             and f.due_at >= timezone('Asia/Shanghai', $2::date::timestamp)
             and f.due_at < timezone('Asia/Shanghai', ($2::date + 1)::timestamp)
           order by f.due_at, f.customer_id limit $3) x
         order by x.due_at, x.customer_id limit $3) p
       join customer c on c.id = p.customer_id
       left join app_user u on u.id = c.owner_id
       order by p.due_at, p.customer_id`,
      [owners, today, limit + 1],
    );
    const standards = new Map(
      (await query('select grade, follow_up_days from grade_service_standard', [])).map((r) => [
        r.grade,
        Number(r.follow_up_days),
      ]),
    );
    const setting = (await query(`select value from setting where key = 'engagement.settings'`, []))[0];
    const keyDays = Number((setting?.value as { keyContactDays?: number } | undefined)?.keyContactDays ?? 30);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => {
        const due = new Date(r.follow_up_due_at as string);
        const days = standards.get((r.grade as string | null) ?? 'D') ?? 0;
        const cadence =
          new Date((r.last_follow_up_at ?? r.created_at) as string).getTime() + days * 86_400_000;
        const key =
          new Date((r.last_owner_contact_at ?? r.created_at) as string).getTime() + keyDays * 86_400_000;
        return {
          customer: { id: r.id, name: r.name, grade: r.grade, category: r.category },
          owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
          dueAt: due.toISOString(),
          dueOn: today,
          overdueDays: 0,
          reason: r.category === 'key' && key < cadence ? 'key_contact' : 'cadence',
          lastFollowUpAt: iso(r.last_follow_up_at),
          lastOwnerContactAt: iso(r.last_owner_contact_at),
          followUpDays: days,
        };
      }),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([iso(last.follow_up_due_at), last.id])).toString('base64url')
          : null,
    };
  });

  // Ticket queue baseline (issue 6): the actor's open tickets, or their department subtree's
  // (view=team), filtered by priority, soonest deadline first, through the partial indexes
  // ticket_queue_owner / ticket_queue; presented by hand.
  app.get('/api/v1/tickets', async (req, reply) => {
    const a = await actorOf(req, reply);
    if (!a) return reply;
    const qs = req.query as Record<string, string | undefined>;
    const limit = Math.min(100, Number(qs.limit ?? 50));
    const priorities = qs.priority ? qs.priority.split(',') : ['urgent', 'high', 'normal', 'low'];
    const params: unknown[] = [priorities, limit + 1, a.id];
    let owners = 't.owner_id = $3';
    if (qs.view === 'team' && a.department_id) {
      params[2] = (await query(subtreeSql, [a.department_id])).map((r) => r.id);
      owners = 't.owner_id = any(array(select u.id from app_user u where u.department_id = any($3::uuid[])))';
    }
    const rows = await query(
      `select t.id, t.number, t.subject, t.customer_id, c.name as customer_name, c.grade, t.owner_id,
         u.name as owner_name, t.channel, t.kind, t.priority, t.important, t.status, t.stage, t.category_id,
         cat.name as category_name, t.received_at, t.next_due_at, t.waiting_since,
         t.first_response_breached, t.resolution_breached,
         (case when t.first_response_at is null then t.first_response_warned_at
           else t.resolution_warned_at end) is not null as next_warned
       from ticket t
       join customer c on c.id = t.customer_id
       left join app_user u on u.id = t.owner_id
       left join ticket_category cat on cat.id = t.category_id
       where ${owners} and t.status in ('new', 'acknowledged', 'in_progress') and t.priority = any($1)
       order by t.next_due_at, t.id limit $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        number: Number(r.number),
        subject: r.subject,
        customer: { id: r.customer_id, name: r.customer_name, grade: r.grade },
        owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
        channel: r.channel,
        kind: r.kind,
        priority: r.priority,
        important: r.important,
        status: r.status,
        stage: r.stage,
        category: r.category_id ? { id: r.category_id, name: r.category_name ?? '' } : null,
        receivedAt: iso(r.received_at),
        nextDueAt: iso(r.next_due_at),
        nextWarned: r.next_warned,
        waiting: r.waiting_since !== null,
        firstResponseBreached: r.first_response_breached,
        resolutionBreached: r.resolution_breached,
      })),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([iso(last.next_due_at) ?? '', last.id])).toString('base64url')
          : null,
    };
  });

  // Export baseline: keyset pages of 1,000 rows in id order, written as CSV lines as they come.
  app.get('/api/v1/customers/export.csv', async (req, reply) => {
    const a = await actorOf(req, reply);
    if (!a) return reply;
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    async function* lines() {
      yield '\uFEFF客户名称,简称,统一社会信用代码,行业,省份,城市,区县,详细地址,电话,邮箱,客户经理,客户分级,生命周期,状态,更新时间\r\n';
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const params: unknown[] = [];
        const scope = await scopeSql(a!, params);
        params.push(after);
        const rows = await query(
          `select ${columns} from customer c left join app_user o on o.id = c.owner_id
             left join app_user v on v.id = c.verified_by
           where ${scope} and c.status <> 'merged' and c.id > $${params.length} order by c.id limit 1000`,
          params,
        );
        if (rows.length === 0) return;
        yield rows
          .map((r) => {
            const p = present(r, a!);
            return `${[
              p.name,
              p.shortName,
              p.creditCode,
              p.industry,
              regionName(p.provinceCode as string),
              regionName(p.cityCode as string),
              regionName(p.districtCode as string),
              p.address,
              p.phone,
              p.email,
              p.owner?.name,
              p.grade,
              p.lifecycle,
              p.status,
              p.updatedAt,
            ]
              .map(cell)
              .join(',')}\r\n`;
          })
          .join('');
        after = String(rows.at(-1)!.id);
      }
    }
    reply.header('content-type', 'text/csv; charset=utf-8');
    return reply.send(Readable.from(lines()));
  });

  await app.listen({ port: Number(process.env.PORT ?? 3900), host: '127.0.0.1' });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
