// Service tickets for the bench archive (issue 6's figure: the ticket queue, p95 < 30 ms on
// 1,000,000 tickets): one ticket per customer — 1,000,000 on the PostgreSQL archive, 100,000 on the
// PGlite one — about 5% still open, spread over the owners. Generated inside the database with
// generate_series in chunks of 250,000 on top of the customers bench/generate.ts made; the
// secondary indexes (the queue's partial indexes among them) are dropped during the load and
// rebuilt once. A marker row (bench_dataset id 11) lets later runs reuse them while it matches.
//
//   npx tsx bench/generate-tickets.ts [--engine postgres|pglite] [--pg-customers N] [--pg-database NAME]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import { ensureDataset, pgliteTarget, pgTarget } from './generate';
import { withDatabase } from './lib/servers';

type Log = (m: string) => void;

/** Bump when the generated tickets change shape: a stored set with another version is rebuilt. */
export const ticketsVersion = 1;
const markerId = 11;
const chunk = 250_000;
/** Share of tickets still open (new, acknowledged, in progress): the queue's working set. */
export const openShare = 0.05;

export interface TicketsMarker {
  version: number;
  tickets: number;
  open: number;
  generatedAt: string;
  seconds: number;
  phases: Record<string, number>;
}

async function readMarker(db: Kysely<DB>): Promise<TicketsMarker | null> {
  const { rows } = await sql<{ marker: TicketsMarker }>`
    select marker from bench_dataset where id = ${markerId}`.execute(db);
  return rows[0]?.marker ?? null;
}

const tables = ['ticket', 'ticket_event', 'ticket_pause'];

const subjects = [
  '设备运行中报警，需要远程诊断',
  '到货包装破损，部分配件缺失',
  '发票抬头开错，申请重开',
  '咨询伺服驱动器参数设置',
  '安装调试进度延误',
  '备件交期比约定晚一周',
  '产品说明书与实物不符',
  '售后工程师上门时间协调',
  '对账单金额有差异',
  '投诉客服电话长时间无人接听',
];
const categories = ['产品质量', '物流配送', '安装调试', '账务发票', '技术咨询', '服务态度'];
const causes = ['包装不当', '运输损坏', '装配缺陷', '说明不清', '排产延误', '人员培训不足', '系统故障'];
const textArray = (xs: readonly string[]) =>
  sql.raw(`array[${xs.map((s) => `'${s.replaceAll("'", "''")}'`).join(',')}]`);

/**
 * Makes the archive hold `target` tickets: received over the last three years (recent ones more
 * often; the open ones in the last two weeks), for a long tail of customers, owned by the
 * customer's owner nine times in ten (else a colleague or a service agent), with channels, kinds
 * and priorities as a service desk sees them, about 5% open — a tenth of those waiting on the
 * customer — and the SLA columns filled the way the application keeps them (the deadlines here
 * count wall-clock time: the queue's order is what is measured, not the calendar).
 */
export async function ensureTickets(
  db: Kysely<DB>,
  opts: { target: number; engine: 'postgres' | 'pglite'; now: Date; log: Log },
): Promise<{ marker: TicketsMarker; reused: boolean }> {
  const { log } = opts;
  const existing = await readMarker(db);
  if (existing && existing.version === ticketsVersion && existing.tickets === opts.target) {
    log(`  tickets: ${opts.target.toLocaleString('en')} already there`);
    return { marker: existing, reused: true };
  }
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let phaseStart = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - phaseStart) / 1000;
    phaseStart = now;
  };
  log(`  tickets: generating ${opts.target.toLocaleString('en')}…`);
  await sql`delete from bench_dataset where id = ${markerId}`.execute(db);
  await sql`truncate ticket_event, ticket_pause, ticket cascade`.execute(db);
  // The managed lists the tickets point at (kept when present: names are unique).
  for (const [i, name] of categories.entries())
    await sql`insert into ticket_category (id, name, sort_order)
      values ((lpad(to_hex(1750000000000::bigint + ${i}), 12, '0') || '70008000000000000000')::uuid, ${name}, ${i})
      on conflict do nothing`.execute(db);
  for (const [i, name] of causes.entries())
    await sql`insert into root_cause (id, name, sort_order)
      values ((lpad(to_hex(1750000001000::bigint + ${i}), 12, '0') || '70008000000000000000')::uuid, ${name}, ${i})
      on conflict do nothing`.execute(db);

  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename = any(${tables}::text[])
      and indexname not in (select conname from pg_constraint)`.execute(db);
  for (const ix of indexes) await sql`drop index ${sql.ref(ix.name)}`.execute(db);

  let open = 0;
  await db.connection().execute(async (conn) => {
    if (opts.engine === 'postgres') await sql`set synchronous_commit = off`.execute(conn);
    await sql`create temp table bench_owned as
      select row_number() over (order by c.id)::int as rn, c.id, c.owner_id,
        (select k.id from contact k where k.customer_id = c.id order by k.id limit 1) as contact_id
      from customer c where c.status = 'active' and c.owner_id is not null`.execute(conn);
    await sql`alter table bench_owned add primary key (rn)`.execute(conn);
    await sql`create temp table bench_handler as
      select row_number() over (order by id)::int as rn, id from app_user
      where status = 'active' and role in ('account_manager', 'service_agent')`.execute(conn);
    await sql`alter table bench_handler add primary key (rn)`.execute(conn);
    await sql`create temp table bench_list as
      select 'category' as list, row_number() over (order by id)::int as rn, id from ticket_category
      union all
      select 'cause', row_number() over (order by id)::int, id from root_cause`.execute(conn);
    const { rows } = await sql<{ owned: number; handlers: number; cats: number; causes: number }>`
      select (select count(*) from bench_owned)::int as owned,
        (select count(*) from bench_handler)::int as handlers,
        (select count(*) from bench_list where list = 'category')::int as cats,
        (select count(*) from bench_list where list = 'cause')::int as causes`.execute(conn);
    const { owned, handlers, cats, causes: causeCount } = rows[0]!;
    if (owned === 0 || handlers === 0) throw new Error('the bench archive has no owned active customers');

    const hour = 3_600_000;
    for (let done = 0; done < opts.target; done += chunk) {
      const n = Math.min(chunk, opts.target - done);
      await sql`drop table if exists bench_t`.execute(conn);
      await sql`create temp table bench_t as
        select z.*,
          z.received_at + z.fr_ms * interval '1 millisecond' as fr_due,
          -- Business targets, read as wall-clock time: about three times as long (nights, weekends).
          z.received_at + z.res_ms * (case when z.priority = 'urgent' then 1 else 3 end) * interval '1 millisecond' as res_due
        from (
          select y.*,
            case y.channel when 'phone' then 30000 when 'email' then ${24 * hour} when 'online' then 60000
              when 'wechat' then ${hour} else ${24 * hour} end::bigint as fr_ms,
            case y.priority when 'urgent' then ${4 * hour} when 'high' then ${9 * hour}
              when 'normal' then ${27 * hour} else ${45 * hour} end::bigint as res_ms
          from (
            select x.g, x.h, x.r_wait, x.r_resp, x.r_res,
              (lpad(to_hex(1740000000000::bigint + ${done}::bigint + x.g), 12, '0') || '7' || substr(x.h, 1, 3)
                || '8' || substr(x.h, 4, 15))::uuid as id,
              1000000 + ${done}::bigint + x.g as number,
              b.id as customer_id, case when x.r_contact < 0.7 then b.contact_id end as contact_id,
              case when x.r_owner < 0.9 then b.owner_id else hd.id end as owner_id,
              case when x.r_channel < 0.35 then 'phone' when x.r_channel < 0.55 then 'email'
                when x.r_channel < 0.70 then 'online' when x.r_channel < 0.95 then 'wechat' else 'visit' end as channel,
              case when x.r_kind < 0.3 then 'complaint' when x.r_kind < 0.8 then 'service_request' else 'question' end as kind,
              case when x.r_prio < 0.05 then 'urgent' when x.r_prio < 0.25 then 'high'
                when x.r_prio < 0.80 then 'normal' else 'low' end as priority,
              case when x.r_status < ${openShare * 0.2} then 'new'
                when x.r_status < ${openShare * 0.5} then 'acknowledged'
                when x.r_status < ${openShare} then 'in_progress'
                when x.r_status < ${openShare * 2} then 'resolved' else 'closed' end as status,
              case when x.r_status < ${openShare} then ${opts.now}::timestamptz - random() * interval '14 days'
                else ${opts.now}::timestamptz - interval '14 days' - power(random(), 1.5) * interval '1080 days' end as received_at,
              1 + floor(x.r_kind * ${Math.max(cats, 1)})::int as cat_rn,
              1 + floor(x.r_res * ${Math.max(causeCount, 1)})::int as cause_rn,
              x.r_prio < 0.03 as important,
              (${textArray(subjects)})[1 + floor(x.r_text * ${subjects.length})::int] as subject
            from (
              select g, md5(g::text || random()::text) as h,
                1 + floor(power(random(), 1.6) * ${owned})::int as rn,
                1 + floor(random() * ${handlers})::int as hrn,
                random() as r_owner, random() as r_channel, random() as r_kind, random() as r_prio,
                random() as r_status, random() as r_contact, random() as r_text, random() as r_wait,
                random() as r_resp, random() as r_res
              from generate_series(1, ${n}) g
            ) x
            join bench_owned b on b.rn = x.rn
            join bench_handler hd on hd.rn = x.hrn
          ) y
        ) z`.execute(conn);
      const inserted = await sql`insert into ticket (id, number, customer_id, contact_id, channel, kind,
          category_id, priority, important, subject, description, owner_id, status, stage, root_cause_id,
          resolution, received_at, first_response_at, resolved_at, closed_at, sla_policy_index,
          first_response_target_ms, first_response_mode, resolution_target_ms, resolution_mode,
          first_response_due_at, resolution_due_at, next_due_at, waiting_since,
          first_response_breached, resolution_breached, created_at, updated_at, created_by, updated_by)
        select t.id, t.number, t.customer_id, t.contact_id, t.channel, t.kind,
          (select l.id from bench_list l where l.list = 'category' and l.rn = t.cat_rn),
          t.priority, t.important, t.subject, '', t.owner_id, t.status,
          case t.status when 'new' then 'confirm_need' when 'acknowledged' then 'agree_plan'
            when 'in_progress' then 'deliver' else 'collect_feedback' end,
          case when t.status = 'closed' and t.kind = 'complaint'
            then (select l.id from bench_list l where l.list = 'cause' and l.rn = t.cause_rn) end,
          case when t.status in ('resolved', 'closed') then '已处理完毕，客户确认' else '' end,
          t.received_at, s.first_response_at, s.resolved_at,
          case when t.status = 'closed' then s.resolved_at + (1 + t.r_wait * 2) * interval '1 day' end,
          null, t.fr_ms, 'calendar', t.res_ms, case when t.priority = 'urgent' then 'calendar' else 'business' end,
          t.fr_due, t.res_due,
          case when t.status = 'new' then t.fr_due
            when t.status in ('acknowledged', 'in_progress') and s.waiting_since is null then t.res_due end,
          s.waiting_since,
          coalesce(s.first_response_at > t.fr_due, false), coalesce(s.resolved_at > t.res_due, false),
          t.received_at, coalesce(s.resolved_at, s.first_response_at, t.received_at), t.owner_id, t.owner_id
        from bench_t t
        cross join lateral (select
          case when t.status <> 'new' then least(t.received_at + t.r_resp * 1.3 * t.fr_ms * interval '1 millisecond',
            ${opts.now}::timestamptz) end as first_response_at,
          case when t.status in ('resolved', 'closed') then t.received_at + t.r_res * 1.2 *
            (t.res_due - t.received_at) end as resolved_at,
          case when t.status = 'in_progress' and t.r_wait < 0.2
            then ${opts.now}::timestamptz - t.r_wait * interval '5 days' end as waiting_since) s`.execute(
        conn,
      );
      const { rows: o } = await sql<{ n: number }>`select count(*)::int as n from bench_t
        where status in ('new', 'acknowledged', 'in_progress')`.execute(conn);
      open += o[0]?.n ?? 0;
      await sql`insert into ticket_pause (id, ticket_id, from_at, to_at, reason)
        select (lpad(to_hex(1760000000000::bigint + ${done}::bigint + t.g), 12, '0') || '7' || substr(t.h, 1, 3)
            || '9' || substr(t.h, 4, 15))::uuid, t.id, tk.waiting_since, null, '等待客户提供现场照片'
        from bench_t t join ticket tk on tk.id = t.id where tk.waiting_since is not null`.execute(conn);
      log(`    ${(done + Number(inserted.numAffectedRows ?? n)).toLocaleString('en')} tickets`);
    }
    await sql`drop table if exists bench_t`.execute(conn);
    await sql`drop table bench_owned`.execute(conn);
    await sql`drop table bench_handler`.execute(conn);
    await sql`drop table bench_list`.execute(conn);
    await sql`select setval('ticket_number_seq', (select coalesce(max(number), 1) from ticket))`.execute(
      conn,
    );
    // The steady state the SLA watch keeps (it runs every minute): every deadline already passed
    // has been escalated, every one inside its warning share warned. Without this the first
    // minutes of every bench run would spend the server's CPU on a backlog of escalations.
    await sql.raw(steadySlaState).execute(conn);
    phase('rows');
    log(`  rebuilding ${indexes.length} ticket indexes…`);
    if (opts.engine === 'postgres') await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    for (const ix of indexes) await sql.raw(ix.def).execute(conn);
  });
  await sql.raw(`vacuum analyze ${tables.join(', ')}`).execute(db);
  if (opts.engine === 'pglite') await sql`checkpoint`.execute(db);
  phase('indexes');

  const marker: TicketsMarker = {
    version: ticketsVersion,
    tickets: opts.target,
    open,
    generatedAt: new Date().toISOString(),
    seconds: Math.round(performance.now() - t0) / 1000,
    phases,
  };
  await sql`insert into bench_dataset (id, marker) values (${markerId}, ${JSON.stringify(marker)}::jsonb)`.execute(
    db,
  );
  log(
    `  tickets generated in ${marker.seconds} s (${open.toLocaleString('en')} open; ${Object.entries(phases)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')})`,
  );
  return { marker, reused: false };
}

/** What the SLA watch would have marked by now; also run by hand on an archive made before it. */
export const steadySlaState = `
  update ticket set first_response_breached = true,
      first_response_escalated_at = first_response_due_at
    where status in ('new','acknowledged','in_progress') and first_response_at is null
      and first_response_escalated_at is null and first_response_due_at <= now();
  update ticket set resolution_breached = true, resolution_escalated_at = resolution_due_at
    where status in ('new','acknowledged','in_progress') and waiting_since is null
      and resolution_escalated_at is null and resolution_due_at <= now();
  update ticket set first_response_warned_at = now()
    where status in ('new','acknowledged','in_progress') and waiting_since is null
      and first_response_at is null and first_response_warned_at is null
      and first_response_escalated_at is null
      and first_response_due_at - first_response_target_ms * 0.2 * interval '1 millisecond' <= now();
  update ticket set resolution_warned_at = now()
    where status in ('new','acknowledged','in_progress') and waiting_since is null
      and resolution_warned_at is null and resolution_escalated_at is null
      and resolution_due_at - resolution_target_ms * 0.2 * interval '1 millisecond' <= now();`;

async function main() {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const engine = value('--engine') ?? 'postgres';
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const target =
    engine === 'pglite'
      ? pgliteTarget(Number(value('--pglite-customers') ?? 100_000))
      : {
          ...pgTarget(Number(value('--pg-customers') ?? 1_000_000)),
          database: value('--pg-database') ?? 'weixi_bench',
        };
  await ensureDataset(target, { log });
  const { marker } = await withDatabase(target, (db) =>
    ensureTickets(db, { target: target.customers, engine: target.engine, now: new Date(), log }),
  );
  log(JSON.stringify(marker));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
