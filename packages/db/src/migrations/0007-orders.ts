import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  const tracked = sql`
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid,
    updated_by uuid`;

  // The product catalog (产品目录): a short managed list of categories and the products sold.
  // Products are never deleted (orders point at them); an inactive product takes no new orders.
  await sql`create table product_category (
    id uuid primary key,
    name text not null,
    position integer not null default 0,
    active boolean not null default true,
    ${tracked}
  )`.execute(db);
  await sql`create unique index product_category_name on product_category (name)`.execute(db);

  await sql`create table product (
    id uuid primary key,
    code text not null check (code <> ''),
    name text not null check (name <> ''),
    category_id uuid not null references product_category(id),
    unit text not null default '',
    list_price_fen bigint check (list_price_fen is null or list_price_fen >= 0),
    active boolean not null default true,
    ${tracked}
  )`.execute(db);
  // Codes and names match case-insensitively (imports write p-001 for P-001), hence lower().
  await sql`create unique index product_code on product (lower(code))`.execute(db);
  await sql`create index product_name on product (lower(name))`.execute(db);
  await sql`create index product_by_category on product (category_id)`.execute(db);

  // One row per purchase line (订单明细). "order" is a reserved word, hence customer_order.
  // Every line names a product: sales composition by product and category (DOMAIN §8) and grading
  // need it, and ERP exports always carry a product code, so free-text lines are not allowed.
  // external_ref is the ERP's line id: unique, so re-importing an export adds nothing twice.
  await sql`create table customer_order (
    id uuid primary key,
    customer_id uuid not null references customer(id),
    ordered_on date not null,
    product_id uuid not null references product(id),
    quantity numeric(14,3) not null check (quantity > 0),
    amount_fen bigint not null check (amount_fen >= 0),
    channel text not null default 'direct'
      check (channel in ('direct','distributor','online','phone','other')),
    external_ref text check (external_ref is null or external_ref <> ''),
    notes text not null default '',
    ${tracked}
  )`.execute(db);
  await sql`create unique index customer_order_external_ref on customer_order (external_ref)
    where external_ref is not null`.execute(db);
  // One index for both per-customer needs: the customer's orders newest first (walked in order),
  // and grading's per-customer aggregates over a date window (sum, count, max date), which become
  // an index-only scan because amount_fen is carried in the leaf pages.
  await sql`create index customer_order_customer on customer_order (customer_id, ordered_on desc, id desc)
    include (amount_fen)`.execute(db);
  // The overall list (newest first, either direction) and date-range reports.
  await sql`create index customer_order_ordered_on on customer_order (ordered_on, id)`.execute(db);
  // Filter by product; also serves the foreign key.
  await sql`create index customer_order_product on customer_order (product_id, ordered_on)`.execute(db);

  // Order import (订单导入) jobs: same shape as customer_import, with the counters an order import
  // reports ("already imported" = rows whose external_ref exists) and a default channel.
  await sql`create table order_import (
    id uuid primary key,
    file_name text not null,
    format text not null check (format in ('xlsx','csv')),
    encoding text,
    file_path text not null,
    sheet_no text,
    headers jsonb not null default '[]',
    mapping jsonb,
    default_channel text check (default_channel in ('direct','distributor','online','phone','other')),
    status text not null default 'uploaded'
      check (status in ('uploaded','running','done','failed','interrupted')),
    total_rows integer,
    processed integer not null default 0,
    created integer not null default 0,
    already_imported integer not null default 0,
    rejected integer not null default 0,
    error text,
    started_by uuid references app_user(id) on delete set null,
    started_at timestamptz,
    heartbeat_at timestamptz,
    finished_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid references app_user(id) on delete set null,
    updated_by uuid
  )`.execute(db);
  await sql`create index order_import_creator on order_import (created_by, id desc)`.execute(db);
  await sql`create index order_import_running on order_import (heartbeat_at) where status = 'running'`.execute(
    db,
  );

  await sql`create table order_import_rejection (
    import_id uuid not null references order_import(id) on delete cascade,
    row_number integer not null,
    seq smallint not null,
    column_name text,
    code text not null,
    message text not null,
    raw jsonb not null default '[]',
    primary key (import_id, row_number, seq)
  )`.execute(db);
}
