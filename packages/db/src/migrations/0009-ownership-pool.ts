import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  // When the customer was last worked on: the public pool's recycling clock (DOMAIN §2: "no
  // interaction for N days"). Existing customers start from their last change.
  await sql`alter table customer add column last_interaction_at timestamptz`.execute(db);
  await sql`update customer set last_interaction_at = greatest(updated_at, created_at)`.execute(db);
  await sql`alter table customer alter column last_interaction_at set not null`.execute(db);

  // The clock is kept by the database for the events every write path shares, so no path can forget
  // it (the form, the importer, merges, later modules):
  //  - a new customer starts its clock when it is created (created_at, which the app sets from its
  //    injected clock);
  //  - a new owner gets a fresh clock (updated_at of the change), however the owner changed;
  //  - verifying the record (核实) counts as working on it.
  // Interactions, visits and orders (issue 5 on) set it explicitly with greatest(…, their time).
  await sql`create function customer_interaction_clock() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        new.last_interaction_at := coalesce(new.last_interaction_at, new.created_at);
      else
        if new.owner_id is not null and new.owner_id is distinct from old.owner_id then
          new.last_interaction_at := greatest(new.last_interaction_at, new.updated_at);
        end if;
        if new.verified_at is not null and new.verified_at is distinct from old.verified_at then
          new.last_interaction_at := greatest(new.last_interaction_at, new.verified_at);
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger customer_interaction_clock
    before insert or update of owner_id, verified_at on customer
    for each row execute function customer_interaction_clock()`.execute(db);

  // When the owner was last warned that the customer is about to return to the pool. A warning
  // counts for the current silence only: once last_interaction_at moves past it, the next silence
  // is warned about again.
  await sql`alter table customer add column recycle_warned_at timestamptz`.execute(db);

  // The executive (总经理 / 副总) who personally holds this key customer (DOMAIN §2: 3–5 each).
  // A flag beside the owner, not the owner: the account manager keeps serving the customer.
  await sql`alter table customer add column executive_sponsor_id uuid references app_user(id) on delete set null`.execute(
    db,
  );
  await sql`create index customer_executive_sponsor on customer (executive_sponsor_id, name)
    where executive_sponsor_id is not null`.execute(db);

  // The recycling job's scan: owned, active, not an executive's — oldest clock first.
  await sql`create index customer_recycle_clock on customer (last_interaction_at, owner_id)
    where owner_id is not null and status = 'active' and executive_sponsor_id is null`.execute(db);
  // "How many do I hold" (the claim limit) is served by customer_owner_grade (migration 0002).

  // Ownership history (归属变更记录): every change of owner, why and by whom. The releases and
  // recycles in it are also what the reclaim cooldown reads (no separate release table: one record
  // of each event, so the two cannot disagree).
  await sql`create table ownership_history (
    id uuid primary key,
    customer_id uuid not null references customer(id) on delete cascade,
    kind text not null check (kind in ('create','transfer','claim','release','recycle','merge')),
    from_user_id uuid references app_user(id) on delete set null,
    to_user_id uuid references app_user(id) on delete set null,
    reason text not null default '',
    actor_id uuid references app_user(id) on delete set null,
    at timestamptz not null
  )`.execute(db);
  await sql`create index ownership_history_customer on ownership_history (customer_id, id desc)`.execute(db);
  // The cooldown test: did this person give up this customer recently?
  await sql`create index ownership_history_released on ownership_history (from_user_id, customer_id, at desc)
    where kind in ('release','recycle')`.execute(db);
}
