import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
//
// The search vector moves out of `customer` into its own table. In the customer row, every update
// of anything — a grade from the nightly regrade, a follow-up date, the recycling clock an
// interaction moves — wrote a new row version, recomputed the stored generated tsvector and added
// all of its ~50 lexemes to the GIN index again (PostgreSQL cannot make such updates HOT while any
// indexed column changes). Measured on the 1,000,000-customer bench archive: updating the grade of
// 20,000 customers took 50 s with the GIN index and 13 s without it, and the first regrade of the
// archive 944 s. Here the vector is written only when the lexemes change (name, contacts, phones).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index customer_search`.execute(db);
  await sql`alter table customer drop column search`.execute(db);
  await sql`create table customer_search (
    customer_id uuid primary key references customer(id) on delete cascade,
    search tsvector not null
  )`.execute(db);
  await sql`insert into customer_search (customer_id, search)
    select id, array_to_tsvector(search_lexemes) from customer`.execute(db);
  await sql`create index customer_search_gin on customer_search using gin (search)`.execute(db);

  // customer.search_lexemes stays the source (the application computes it: Han unigrams and
  // bigrams, pinyin, initials, phones, codes); the database keeps the vector in step.
  await sql`create function customer_search_sync() returns trigger language plpgsql as $$
    begin
      insert into customer_search (customer_id, search)
        values (new.id, array_to_tsvector(new.search_lexemes))
        on conflict (customer_id) do update set search = excluded.search;
      return null;
    end $$`.execute(db);
  await sql`create trigger customer_search_insert after insert on customer
    for each row execute function customer_search_sync()`.execute(db);
  await sql`create trigger customer_search_update after update of search_lexemes on customer
    for each row when (old.search_lexemes is distinct from new.search_lexemes)
    execute function customer_search_sync()`.execute(db);
  await sql`analyze customer_search`.execute(db);
}
