import type { DB } from '@weixi/db';
import type { TimelineKind } from '@weixi/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';

// The timeline's reads (信息共享台账, decision 011): one statement merging every source of a
// customer's history, and the names its entries mention.

type Db = Kysely<DB>;

/**
 * Which audit entries of the customer (entity 'customer') are "edit" entries: those whose facts no
 * other kind of entry shows. Left out:
 * - every action of the kinds with their own branch (`order.*`, `interaction.*`, `task.*`,
 *   `visit.*`: the entry shows the record as it is now), except deletions (`*.delete`) and
 *   `order.move` — the record no longer appears on this timeline and the audit entry is all that
 *   is left of it;
 * - the changes of owner the ownership history records (transfer, claim, release, recycle; the
 *   form's owner change is `customer.update+owner`, an edit that also changed other fields);
 * - `customer.unmask`, a read rather than a change;
 * - grade changes (below).
 * Shown: customer.create(_confirmed_duplicate), customer.update(+owner), the status changes
 * (customer.invalidate, customer.restore, …), customer.merge, customer.merged_into,
 * contact.create/update/delete, customer.key_customer_add/remove, and anything later modules add.
 */
export const ownBranchActions = ['order.%', 'interaction.%', 'task.%', 'visit.%'] as const;
export const stillShownOfOwnBranch = ['%.delete', 'order.move'] as const;
export const ownerActions = [
  'customer.transfer',
  'customer.claim',
  'customer.release',
  'customer.recycle',
] as const;
export const notEdits = [...ownerActions, 'customer.unmask'] as const;
/**
 * Regrades and grade overrides are grade entries when the grade is all they changed (the grade
 * history has that change); one that changed the category or value tier, or pinned a grade without
 * changing it, stays an edit — the grade history records grade changes only.
 */
export const gradeActions = [
  'customer.regrade',
  'customer.grade_override.set',
  'customer.grade_override.remove',
];

export interface TimelineCursor {
  /** The entry's time to the microsecond, as the database holds it (ISO 8601, UTC). */
  at: string;
  /** `<kind>:<source id>`, ties broken by it (grade ids zero-padded so text order is numeric order). */
  key: string;
}

interface RowBase<K extends TimelineKind, D> {
  kind: K;
  key: string;
  source_id: string;
  at: Date;
  at_exact: string;
  actor_id: string | null;
  data: D;
}

export type TimelineRow =
  | RowBase<
      'interaction',
      {
        channel: string;
        direction: string;
        summary: string;
        needsFound: string;
        nextStep: string;
        guide: { business: boolean; needs: boolean; rapport: boolean; value: boolean };
        visitId: string | null;
        qualifies: boolean;
        contacts: { id: string; name: string }[];
        staffIds: string[];
      }
    >
  | RowBase<
      'visit',
      {
        status: string;
        plannedOn: string;
        plannedTime: string | null;
        purpose: string;
        visitorId: string;
        checkInAt: string | null;
        checkInFlag: string | null;
        checkInDistanceM: number | null;
        reportSummary: string;
        reportedAt: string | null;
        cancelReason: string | null;
      }
    >
  | RowBase<
      'task',
      {
        title: string;
        status: string;
        dueOn: string;
        ownerId: string;
        source: string;
        completedAt: string | null;
      }
    >
  | RowBase<
      'order',
      {
        orderedOn: string;
        productId: string;
        productName: string;
        quantity: number;
        amountFen: number;
        channel: string;
      }
    >
  | RowBase<
      'ticket',
      {
        ticketId: string;
        number: string;
        subject: string;
        ticketKind: string;
        status: string;
        event: string;
        visibility: string;
        body: string;
        data: Record<string, unknown>;
      }
    >
  | RowBase<'grade', { from: string | null; to: string | null; cause: string; reason: string | null }>
  | RowBase<'owner', { kind: string; fromId: string | null; toId: string | null; reason: string }>
  | RowBase<'edit', { action: string; before: unknown; after: unknown }>;

export interface RawRow {
  kind: TimelineKind;
  key: string;
  at: Date;
  at_exact: string;
  actor_id: string | null;
  data: unknown;
}

interface Branch {
  /** The entry's time as an expression over the branch's row. */
  time: RawBuilder<unknown>;
  /** The ordering key (text, collation "C", so every engine and locale orders it alike). */
  key: RawBuilder<unknown>;
  /**
   * Below the cursor, in the form the branch's index can range over (`time <= t`); the exact
   * (time, key) comparison is applied on top.
   */
  bound: (t: string) => RawBuilder<unknown>;
  /** `actor_id, <data object>` (the statement names the object `data`). */
  select: RawBuilder<unknown>;
  /** FROM … WHERE <customer> (the index's leading column). */
  from: RawBuilder<unknown>;
  /** The index's order, which is the (time desc, key desc) order within the branch. */
  order: RawBuilder<unknown>;
}

const iso = (expr: RawBuilder<unknown>) =>
  sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function branches(customerId: string, timeZone: string): Record<TimelineKind, Branch> {
  // A visit's moment: its report, else its check-in, else the planned day (and time) — in the
  // business time zone. Visits are few per customer, so this branch sorts them rather than
  // following an index on the expression.
  const visitTime = sql`coalesce(v.reported_at, v.check_in_at,
    timezone(${timeZone}, v.planned_on + coalesce(v.planned_time, time '00:00')))`;
  // An order has a date, not a time: it sits at the start of that business day.
  const orderTime = sql`timezone(${timeZone}, o.ordered_on::timestamp)`;
  return {
    interaction: {
      time: sql`i.occurred_at`,
      key: sql`('interaction:' || i.id::text) collate "C"`,
      bound: (t) => sql`i.occurred_at <= ${t}::timestamptz`,
      select: sql`i.created_by as actor_id, jsonb_build_object(
        'channel', i.channel, 'direction', i.direction, 'summary', i.summary,
        'needsFound', i.needs_found, 'nextStep', i.next_step,
        'guide', jsonb_build_object('business', i.guide_business, 'needs', i.guide_needs,
          'rapport', i.guide_rapport, 'value', i.guide_value),
        'visitId', i.visit_id, 'qualifies', i.qualifies,
        'contacts', coalesce((select jsonb_agg(jsonb_build_object('id', ct.id, 'name', ct.name) order by ct.name)
          from interaction_contact ic join contact ct on ct.id = ic.contact_id
          where ic.interaction_id = i.id), '[]'::jsonb),
        'staffIds', coalesce((select jsonb_agg(st.user_id order by st.user_id)
          from interaction_staff st where st.interaction_id = i.id), '[]'::jsonb))`,
      from: sql`from interaction i where i.customer_id = ${customerId}`,
      order: sql`i.occurred_at desc, i.id desc`,
    },
    visit: {
      time: visitTime,
      key: sql`('visit:' || v.id::text) collate "C"`,
      bound: (t) => sql`${visitTime} <= ${t}::timestamptz`,
      select: sql`v.visitor_id as actor_id, jsonb_build_object(
        'status', v.status, 'plannedOn', v.planned_on::text, 'plannedTime', to_char(v.planned_time, 'HH24:MI'),
        'purpose', v.purpose, 'visitorId', v.visitor_id,
        'checkInAt', ${iso(sql`v.check_in_at`)}, 'checkInFlag', v.check_in_flag,
        'checkInDistanceM', v.check_in_distance_m,
        'reportSummary', v.report_summary, 'reportedAt', ${iso(sql`v.reported_at`)},
        'cancelReason', v.cancel_reason)`,
      from: sql`from visit v where v.customer_id = ${customerId}`,
      order: sql`${visitTime} desc, v.id desc`,
    },
    task: {
      time: sql`t.created_at`,
      key: sql`('task:' || t.id::text) collate "C"`,
      bound: (at) => sql`t.created_at <= ${at}::timestamptz`,
      select: sql`t.created_by as actor_id, jsonb_build_object(
        'title', t.title, 'status', t.status, 'dueOn', t.due_on::text, 'ownerId', t.owner_id,
        'source', t.source, 'completedAt', ${iso(sql`t.completed_at`)})`,
      from: sql`from task t where t.customer_id = ${customerId}`,
      order: sql`t.created_at desc, t.id desc`,
    },
    order: {
      time: orderTime,
      key: sql`('order:' || o.id::text) collate "C"`,
      // start_of_day(d) <= t exactly when d <= the business date of t: a range on ordered_on.
      bound: (t) => sql`o.ordered_on <= (${t}::timestamptz at time zone ${timeZone})::date`,
      select: sql`o.created_by as actor_id, jsonb_build_object(
        'orderedOn', o.ordered_on::text, 'productId', o.product_id,
        'productName', (select p.name from product p where p.id = o.product_id),
        'quantity', o.quantity, 'amountFen', o.amount_fen, 'channel', o.channel)`,
      from: sql`from customer_order o where o.customer_id = ${customerId}`,
      order: sql`o.ordered_on desc, o.id desc`,
    },
    // One entry per ticket event (index ticket_event_customer); the ticket's number and subject
    // name it, its status is as it is now.
    ticket: {
      time: sql`e.at`,
      key: sql`('ticket:' || e.id::text) collate "C"`,
      bound: (t) => sql`e.at <= ${t}::timestamptz`,
      select: sql`e.actor_id, jsonb_build_object(
        'ticketId', e.ticket_id, 'number', tk.number::text, 'subject', tk.subject, 'ticketKind', tk.kind,
        'status', tk.status, 'event', e.kind, 'visibility', e.visibility, 'body', e.body, 'data', e.data)`,
      from: sql`from ticket_event e join ticket tk on tk.id = e.ticket_id where e.customer_id = ${customerId}`,
      order: sql`e.at desc, e.id desc`,
    },
    grade: {
      time: sql`g.at`,
      key: sql`('grade:' || lpad(g.id::text, 19, '0')) collate "C"`,
      bound: (t) => sql`g.at <= ${t}::timestamptz`,
      select: sql`g.actor_id, jsonb_build_object('from', g.from_grade, 'to', g.to_grade, 'cause', g.cause,
        'reason', g.reason)`,
      from: sql`from grade_history g where g.customer_id = ${customerId}`,
      order: sql`g.at desc, g.id desc`,
    },
    owner: {
      time: sql`h.at`,
      key: sql`('owner:' || h.id::text) collate "C"`,
      bound: (t) => sql`h.at <= ${t}::timestamptz`,
      select: sql`h.actor_id, jsonb_build_object('kind', h.kind, 'fromId', h.from_user_id, 'toId', h.to_user_id,
        'reason', h.reason)`,
      from: sql`from ownership_history h where h.customer_id = ${customerId}`,
      order: sql`h.at desc, h.id desc`,
    },
    edit: {
      time: sql`a.at`,
      key: sql`('edit:' || a.id::text) collate "C"`,
      bound: (t) => sql`a.at <= ${t}::timestamptz`,
      select: sql`a.actor_id, jsonb_build_object('action', a.action, 'before', a.before, 'after', a.after)`,
      from: sql`from audit_log a where a.entity = 'customer' and a.entity_id = ${customerId}::text
        and a.action <> all(${[...notEdits]}::text[])
        and not (a.action like any(${[...ownBranchActions]}::text[])
          and not a.action like any(${[...stillShownOfOwnBranch]}::text[]))
        and not (a.action = any(${gradeActions}::text[])
          and a.before->'grade' is distinct from a.after->'grade'
          and a.before->'category' is not distinct from a.after->'category'
          and a.before->'valueTier' is not distinct from a.after->'valueTier')`,
      order: sql`a.at desc, a.id desc`,
    },
  };
}

export interface TimelineQuery {
  kinds: readonly TimelineKind[];
  /** Rows to return: the page size plus one (the caller's look-ahead row). */
  limit: number;
  after: TimelineCursor | null;
  timeZone: string;
}

/**
 * The timeline statement: one branch per kind, each an index range scan on (customer, time desc)
 * below the cursor with its own limit, merged, ordered by (time desc, key desc) and cut. Exported
 * so a test can EXPLAIN exactly what runs.
 */
export function timelineStatement(customerId: string, q: TimelineQuery): RawBuilder<RawRow> | null {
  const all = branches(customerId, q.timeZone);
  const parts = q.kinds.map((kind) => {
    const b = all[kind];
    const below = q.after
      ? sql`and ${b.bound(q.after.at)}
          and (${b.time} < ${q.after.at}::timestamptz
            or (${b.time} = ${q.after.at}::timestamptz and ${b.key} < ${q.after.key}))`
      : sql``;
    return sql`(select ${kind}::text as kind, ${b.key} as key, ${b.time} as at, ${b.select} as data
      ${b.from} ${below} order by ${b.order} limit ${q.limit})`;
  });
  if (parts.length === 0) return null;
  return sql<RawRow>`
    select u.kind, u.key, u.at, ${iso(sql`u.at`)} as at_exact, u.actor_id, u.data
    from (${sql.join(parts, sql` union all `)}) u
    order by u.at desc, u.key desc
    limit ${q.limit}`;
}

/** One page of a customer's timeline, newest first (see timelineStatement). */
export async function listTimeline(db: Db, customerId: string, q: TimelineQuery): Promise<TimelineRow[]> {
  const statement = timelineStatement(customerId, q);
  if (!statement) return [];
  const { rows } = await statement.execute(db);
  return rows.map((r) => {
    const id = r.key.slice(r.kind.length + 1);
    // Grade ids are zero-padded in the key only.
    return { ...r, source_id: r.kind === 'grade' ? id.replace(/^0+(?=\d)/, '') : id } as TimelineRow;
  });
}

/** Names of the people a page mentions, in one query. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
