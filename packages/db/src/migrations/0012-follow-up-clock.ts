import { type Kysely, sql } from 'kysely';

/**
 * The follow-up due time moves out of the customer row into a narrow table (decision 011, "Where
 * the due time lives"). On `customer` it was an indexed column, so every recompute gave each changed
 * customer a new row version and an entry in all twenty of the customer table's indexes, the
 * search index among them: 175 s for a cadence change at a million customers. In
 * `customer_follow_up` the same change writes a row of three columns and two index entries.
 *
 * The rule is unchanged and still kept by the database, now by statement-level triggers that see
 * every inserted or updated customer at once (transition tables), so a regrade or import of 50,000
 * customers moves their due times in one set-based statement instead of 50,000 single-row ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The rule with the lookups passed in: no sub-selects, so the planner inlines it into set-based
  // statements (the trigger below and the recompute job) where the standards are joined once.
  // Stable, not immutable: timestamptz + interval is stable, and a function declared stricter than
  // its body is never inlined.
  await sql`create function follow_up_due(
      p_status text, p_category text, p_created_at timestamptz,
      p_last_follow_up_at timestamptz, p_last_owner_contact_at timestamptz,
      p_follow_up_days int, p_key_contact_days int
    ) returns timestamptz language sql stable as $$
    select case when p_status <> 'active' then null else
      least(
        coalesce(p_last_follow_up_at, p_created_at) + make_interval(hours => 24 * p_follow_up_days),
        case when p_category = 'key' then
          coalesce(p_last_owner_contact_at, p_created_at) + make_interval(hours => 24 * p_key_contact_days)
        end)
    end $$`.execute(db);

  // The days of the key-customer contact rule, read in one place.
  await sql`create function key_contact_days() returns int language sql stable as $$
    select coalesce((select (v.value->>'keyContactDays')::int from setting v
                     where v.key = 'engagement.settings'), 30) $$`.execute(db);

  // The one-customer form stays (tests compare it with packages/domain/src/cadence.ts); it now looks
  // the standard and the setting up and hands over to the rule above.
  await sql`create or replace function follow_up_due_at(
      p_status text, p_grade text, p_category text, p_created_at timestamptz,
      p_last_follow_up_at timestamptz, p_last_owner_contact_at timestamptz
    ) returns timestamptz language sql stable as $$
    select follow_up_due(p_status, p_category, p_created_at, p_last_follow_up_at, p_last_owner_contact_at,
      (select s.follow_up_days from grade_service_standard s where s.grade = coalesce(p_grade, 'D')),
      key_contact_days())
    $$`.execute(db);

  // owner_id is a copy of the customer's, so "my due follow-ups" is one index range per person
  // without touching the customer table until the page's rows are known. due_at is null exactly
  // when the customer is not active.
  await sql`create table customer_follow_up (
    customer_id uuid primary key references customer(id) on delete cascade,
    owner_id uuid,
    due_at timestamptz
  )`.execute(db);
  await sql`insert into customer_follow_up (customer_id, owner_id, due_at)
    select id, owner_id, follow_up_due_at from customer`.execute(db);

  await sql`drop index customer_follow_up_due`.execute(db);
  await sql`drop trigger customer_follow_up on customer`.execute(db);
  await sql`alter table customer drop column follow_up_due_at`.execute(db);
  // Covering: due lists and counts read (owner, due, id) from the index alone.
  await sql`create index customer_follow_up_due on customer_follow_up (owner_id, due_at, customer_id)
    where due_at is not null`.execute(db);

  // A new owner's monthly-contact clock counts only their own contacts: still a row trigger on the
  // customer, since it sets a column of the row being written.
  await sql`create or replace function customer_follow_up() returns trigger language plpgsql as $$
    begin
      new.last_owner_contact_at := (
        select max(i.occurred_at) from interaction i
        where i.customer_id = new.id and i.direction = 'outbound' and new.owner_id is not null
          and exists (select 1 from interaction_staff st
                      where st.interaction_id = i.id and st.user_id = new.owner_id));
      return new;
    end $$`.execute(db);
  await sql`create trigger customer_owner_contact
    before update of owner_id on customer
    for each row when (new.owner_id is distinct from old.owner_id)
    execute function customer_follow_up()`.execute(db);

  await sql`create function customer_follow_up_inserted() returns trigger language plpgsql as $$
    begin
      insert into customer_follow_up (customer_id, owner_id, due_at)
      select n.id, n.owner_id,
        follow_up_due(n.status, n.category, n.created_at, n.last_follow_up_at, n.last_owner_contact_at,
                      s.follow_up_days, k.days)
      from new_customers n
      cross join (select key_contact_days() as days) k
      left join grade_service_standard s on s.grade = coalesce(n.grade, 'D');
      return null;
    end $$`.execute(db);
  await sql`create trigger customer_follow_up_inserted
    after insert on customer referencing new table as new_customers
    for each statement execute function customer_follow_up_inserted()`.execute(db);

  // Only customers whose inputs to the rule changed are looked at, and only side rows whose owner
  // or due time actually moves are written.
  await sql`create function customer_follow_up_updated() returns trigger language plpgsql as $$
    begin
      update customer_follow_up f set owner_id = x.owner_id, due_at = x.due
      from (
        select n.id, n.owner_id,
          follow_up_due(n.status, n.category, n.created_at, n.last_follow_up_at, n.last_owner_contact_at,
                        s.follow_up_days, k.days) as due
        from new_customers n
        join old_customers o on o.id = n.id
        cross join (select key_contact_days() as days) k
        left join grade_service_standard s on s.grade = coalesce(n.grade, 'D')
        where (n.status, n.grade, n.category, n.owner_id, n.created_at, n.last_follow_up_at,
               n.last_owner_contact_at)
          is distinct from (o.status, o.grade, o.category, o.owner_id, o.created_at, o.last_follow_up_at,
               o.last_owner_contact_at)
      ) x
      where f.customer_id = x.id and (f.owner_id, f.due_at) is distinct from (x.owner_id, x.due);
      return null;
    end $$`.execute(db);
  await sql`create trigger customer_follow_up_updated
    after update on customer referencing old table as old_customers new table as new_customers
    for each statement execute function customer_follow_up_updated()`.execute(db);
}
