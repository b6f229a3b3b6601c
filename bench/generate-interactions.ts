// Interactions for the bench archive (issue 5's figures: 5,000,000 on the 1,000,000-customer
// PostgreSQL archive, 500,000 on the 100,000-customer PGlite one), with the visits and tasks they
// led to, and the customers' follow-up clocks set from them. Generated inside the database with
// generate_series — a few statements per 250,000 rows instead of millions of parameters — on top
// of the customers bench/generate.ts made. A marker row (bench_dataset id 5) lets later runs reuse
// them while it matches.
//
//   npx tsx bench/generate-interactions.ts [--engine postgres|pglite] [--pg-customers N] [--pg-database NAME]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import { ensureDataset, pgliteTarget, pgTarget } from './generate';
import { withDatabase } from './lib/servers';

type Log = (m: string) => void;

/** Bump when the generated interactions change shape: a stored set with another version is rebuilt. */
export const interactionsVersion = 1;
const markerId = 5;
const timeZone = 'Asia/Shanghai';
const chunk = 250_000;

export interface InteractionsMarker {
  version: number;
  interactions: number;
  visits: number;
  tasks: number;
  generatedAt: string;
  seconds: number;
  phases: Record<string, number>;
}

async function readMarker(db: Kysely<DB>): Promise<InteractionsMarker | null> {
  const { rows } = await sql<{ marker: InteractionsMarker }>`
    select marker from bench_dataset where id = ${markerId}`.execute(db);
  return rows[0]?.marker ?? null;
}

/** Tables the load fills: their secondary indexes are dropped during it and rebuilt after. */
const tables = ['interaction', 'interaction_staff', 'interaction_contact', 'visit', 'task'];

// A logged contact's words, as account managers write them (the handbooks' 回访 and "3+1").
const summaries = [
  '电话回访，了解设备使用情况，客户反馈运行稳定',
  '沟通下季度采购计划，对方预计月底有补货需求',
  '微信发送新品资料，对方会转技术部评估',
  '节日问候，并分享行业新政策解读',
  '邮件发送季度对账单及维保提醒',
  '面谈回顾今年合作情况，听取对服务的意见',
  '客户来电询问备件价格及交期，已答复',
  '客户来电反映设备报警，已转售后处理',
  '上门拜访，了解现场设备运行情况',
  '参加我司客户答谢会，交流自动化改造需求',
];
const nextSteps = ['', '', '下周发送方案和报价', '安排工程师上门', '月底前再次回访', '寄送样品'];
const textArray = (xs: readonly string[]) =>
  sql.raw(`array[${xs.map((s) => `'${s.replaceAll("'", "''")}'`).join(',')}]`);

/**
 * Makes the archive hold `target` interactions over the last three years — recent ones more often,
 * a long tail of customers contacted weekly and most a few times a year — logged mostly by the
 * customer's owner, with a contact and sometimes a colleague taking part; channels and directions
 * as account managers use them; a visit for each visit-channel one and a follow-up task for about
 * one in ten. Then every customer's last follow-up, the owner's last contact and the pool's clock
 * are set in one statement, and the database's trigger computes the due dates.
 */
export async function ensureInteractions(
  db: Kysely<DB>,
  opts: { target: number; engine: 'postgres' | 'pglite'; now: Date; log: Log },
): Promise<{ marker: InteractionsMarker; reused: boolean }> {
  const { log } = opts;
  const existing = await readMarker(db);
  if (existing && existing.version === interactionsVersion && existing.interactions === opts.target) {
    log(`  interactions: ${opts.target.toLocaleString('en')} already there`);
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
  log(`  interactions: generating ${opts.target.toLocaleString('en')}…`);
  await sql`delete from bench_dataset where id = ${markerId}`.execute(db);
  await sql`truncate interaction_staff, interaction_contact, interaction, task, visit cascade`.execute(db);
  await sql`update customer set last_follow_up_at = null, last_owner_contact_at = null
    where last_follow_up_at is not null or last_owner_contact_at is not null`.execute(db);

  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename = any(${tables}::text[])
      and indexname not in (select conname from pg_constraint)`.execute(db);
  for (const ix of indexes) await sql`drop index ${sql.ref(ix.name)}`.execute(db);

  const counts = { visits: 0, tasks: 0 };
  await db.connection().execute(async (conn) => {
    if (opts.engine === 'postgres') await sql`set synchronous_commit = off`.execute(conn);
    await sql`create temp table bench_owned as
      select row_number() over (order by c.id)::int as rn, c.id, c.owner_id,
        (select k.id from contact k where k.customer_id = c.id order by k.id limit 1) as contact_id
      from customer c where c.status = 'active' and c.owner_id is not null`.execute(conn);
    await sql`alter table bench_owned add primary key (rn)`.execute(conn);
    await sql`create temp table bench_colleague as
      select row_number() over (order by id)::int as rn, id from app_user
      where status = 'active' and role in ('account_manager', 'service_agent', 'department_manager')`.execute(
      conn,
    );
    await sql`alter table bench_colleague add primary key (rn)`.execute(conn);
    const { rows } = await sql<{ owned: number; colleagues: number }>`
      select (select count(*) from bench_owned)::int as owned,
        (select count(*) from bench_colleague)::int as colleagues`.execute(conn);
    const { owned, colleagues } = rows[0]!;
    if (owned === 0 || colleagues === 0) throw new Error('the bench archive has no owned active customers');

    for (let done = 0; done < opts.target; done += chunk) {
      const n = Math.min(chunk, opts.target - done);
      await sql`drop table if exists bench_new`.execute(conn);
      // ids: 12 hex digits of a rising counter, then UUIDv7's version and variant around random
      // digits, so primary keys fill in order like the application's ids.
      await sql`create temp table bench_new as
        select y.*,
          case when y.channel = 'visit' then
            (lpad(to_hex(1720000000000::bigint + ${done}::bigint + y.g), 12, '0') || '7' || substr(y.h, 21, 3)
              || '9' || substr(y.h, 24, 9) || '000000')::uuid end as visit_id,
          case when y.r_task < 0.1 then
            (lpad(to_hex(1730000000000::bigint + ${done}::bigint + y.g), 12, '0') || '7' || substr(y.h, 21, 3)
              || 'a' || substr(y.h, 24, 9) || '000000')::uuid end as task_id,
          (y.direction = 'outbound' or y.channel in ('face_to_face', 'visit', 'event')) as qualifies
        from (
          select x.*,
            (lpad(to_hex(1710000000000::bigint + ${done}::bigint + x.g), 12, '0') || '7' || substr(x.h, 1, 3)
              || '8' || substr(x.h, 4, 15))::uuid as id,
            b.id as customer_id, b.contact_id,
            case when x.r_logger < 0.9 then b.owner_id else c.id end as logger,
            case when x.r_extra < 0.1 then c.id end as colleague,
            case
              when x.r_channel < 0.40 then 'phone' when x.r_channel < 0.65 then 'wechat'
              when x.r_channel < 0.75 then 'email' when x.r_channel < 0.85 then 'face_to_face'
              when x.r_channel < 0.93 then 'visit' when x.r_channel < 0.96 then 'sms' else 'event' end as channel,
            case
              when x.r_channel >= 0.85 and x.r_channel < 0.93 then 'outbound'
              when x.r_direction < 0.2 then 'inbound' else 'outbound' end as direction
          from (
            select g, md5(g::text || random()::text) as h,
              -- The customer is drawn first (a long tail: low numbers often), so the joins are key lookups.
              1 + floor(power(random(), 1.6) * ${owned})::int as rn,
              1 + floor(random() * ${colleagues})::int as crn,
              ${opts.now}::timestamptz - power(random(), 1.5) * interval '1095 days' as occurred_at,
              random() as r_logger, random() as r_extra, random() as r_channel, random() as r_direction,
              random() as r_task, random() as r_contact, random() as r_guide, random() as r_text
            from generate_series(1, ${n}) g
          ) x
          join bench_owned b on b.rn = x.rn
          join bench_colleague c on c.rn = x.crn
        ) y`.execute(conn);
      const visits = await sql`insert into visit (id, customer_id, visitor_id, planned_on, purpose, status,
          check_in_at, check_in_flag, report_summary, reported_at, created_at, updated_at, created_by, updated_by)
        select visit_id, customer_id, logger, (occurred_at at time zone ${timeZone})::date, '季度拜访', 'reported',
          occurred_at, 'no_customer_location', '了解现场设备运行情况，客户关注交期和价格', occurred_at + interval '1 hour',
          occurred_at - interval '3 days', occurred_at + interval '1 hour', logger, logger
        from bench_new where visit_id is not null`.execute(conn);
      counts.visits += Number(visits.numAffectedRows ?? 0);
      await sql`insert into interaction (id, customer_id, channel, direction, occurred_at, summary, needs_found,
          next_step, guide_business, guide_needs, guide_rapport, guide_value, visit_id, qualifies,
          created_at, updated_at, created_by, updated_by)
        select id, customer_id, channel, direction, occurred_at,
          (${textArray(summaries)})[1 + floor(r_text * ${summaries.length})::int],
          case when r_guide < 0.3 then '对远程运维服务感兴趣' else '' end,
          (${textArray(nextSteps)})[1 + floor(r_extra * ${nextSteps.length})::int],
          r_guide < 0.8, r_guide < 0.45, r_guide > 0.5, r_guide > 0.85, visit_id, qualifies,
          occurred_at, occurred_at, logger, logger
        from bench_new`.execute(conn);
      await sql`insert into interaction_staff (interaction_id, user_id)
        select id, logger from bench_new
        union all
        select id, colleague from bench_new where colleague is not null and colleague <> logger`.execute(
        conn,
      );
      await sql`insert into interaction_contact (interaction_id, contact_id)
        select id, contact_id from bench_new where contact_id is not null and r_contact < 0.75`.execute(conn);
      const tasks =
        await sql`insert into task (id, title, customer_id, owner_id, due_on, status, source, source_id,
          completed_at, completed_by, created_at, updated_at, created_by, updated_by)
        select task_id, '跟进：' || coalesce(nullif((${textArray(nextSteps)})[1 + floor(r_extra * ${nextSteps.length})::int], ''), '回访客户'),
          customer_id, logger, d.due_on,
          case when d.due_on < (${opts.now}::timestamptz at time zone ${timeZone})::date then 'done' else 'open' end,
          'interaction', id,
          case when d.due_on < (${opts.now}::timestamptz at time zone ${timeZone})::date then occurred_at + interval '5 days' end,
          case when d.due_on < (${opts.now}::timestamptz at time zone ${timeZone})::date then logger end,
          occurred_at, occurred_at, logger, logger
        from bench_new
        cross join lateral (select (occurred_at at time zone ${timeZone})::date + (7 + floor(r_contact * 21))::int as due_on) d
        where task_id is not null`.execute(conn);
      counts.tasks += Number(tasks.numAffectedRows ?? 0);
      log(`    ${(done + n).toLocaleString('en')} interactions`);
    }
    await sql`drop table if exists bench_new`.execute(conn);
    await sql`drop table bench_owned`.execute(conn);
    await sql`drop table bench_colleague`.execute(conn);

    phase('rows');
    log(`  rebuilding ${indexes.length} engagement indexes…`);
    if (opts.engine === 'postgres') await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    for (const ix of indexes) await sql.raw(ix.def).execute(conn);
  });
  await sql.raw(`vacuum analyze ${tables.join(', ')}`).execute(db);
  phase('indexes');

  // The clocks, as logging each interaction keeps them (decision 011), in one statement; the
  // statement trigger then computes every due time in customer_follow_up. The statement rewrites every customer that had an
  // interaction, and those columns are indexed, so each row would also go into the customer's
  // twenty-odd indexes: they are dropped first and rebuilt once, as bench/generate.ts loads them.
  log('  setting the customers’ follow-up clocks…');
  const { rows: customerIndexes } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename = 'customer'
      and indexname not in (select conname from pg_constraint)`.execute(db);
  await db.connection().execute(async (conn) => {
    if (opts.engine === 'postgres') await sql`set synchronous_commit = off`.execute(conn);
    for (const ix of customerIndexes) await sql`drop index ${sql.ref(ix.name)}`.execute(conn);
    await sql`
      update customer c set last_follow_up_at = x.follow_up, last_owner_contact_at = x.owner_contact,
        last_interaction_at = greatest(c.last_interaction_at, x.latest)
      from (
        select i.customer_id,
          max(i.occurred_at) filter (where i.qualifies) as follow_up,
          max(i.occurred_at) filter (where i.direction = 'outbound' and s.user_id is not null) as owner_contact,
          max(i.occurred_at) as latest
        from interaction i
        join customer o on o.id = i.customer_id
        left join interaction_staff s on s.interaction_id = i.id and s.user_id = o.owner_id
        group by i.customer_id
      ) x
      where x.customer_id = c.id`.execute(conn);
    phase('clocks');
    log(`  rebuilding ${customerIndexes.length} customer indexes…`);
    if (opts.engine === 'postgres') await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    for (const ix of customerIndexes) await sql.raw(ix.def).execute(conn);
  });
  await sql`vacuum analyze customer`.execute(db);
  if (opts.engine === 'pglite') await sql`checkpoint`.execute(db);
  phase('customer indexes');

  const marker: InteractionsMarker = {
    version: interactionsVersion,
    interactions: opts.target,
    visits: counts.visits,
    tasks: counts.tasks,
    generatedAt: new Date().toISOString(),
    seconds: Math.round(performance.now() - t0) / 1000,
    phases,
  };
  await sql`insert into bench_dataset (id, marker) values (${markerId}, ${JSON.stringify(marker)}::jsonb)`.execute(
    db,
  );
  log(
    `  interactions generated in ${marker.seconds} s (${marker.visits.toLocaleString('en')} visits, ${marker.tasks.toLocaleString('en')} tasks; ${Object.entries(
      phases,
    )
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')})`,
  );
  return { marker, reused: false };
}

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
    ensureInteractions(db, { target: target.customers * 5, engine: target.engine, now: new Date(), log }),
  );
  log(JSON.stringify(marker));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
