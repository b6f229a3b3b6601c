import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  // An account manager's list (owner, default sort -updatedAt, usually a grade or other filter):
  // the page walks this index in order and tests grade inside the index, so 50 rows cost ~50 heap
  // visits instead of every one of the owner's customers; the capped count is an index-only scan.
  // Partial: work lists show active customers; invalid ones are found by search.
  await sql`create index customer_owner_active_updated on customer (owner_id, updated_at desc, id desc, grade)
    where status = 'active'`.execute(db);

  // Relevance search ranks exact and prefix matches (of the name, short name, full pinyin and
  // pinyin initials) first. These make "which matches are exact or prefix matches" an index lookup,
  // so a common term such as 科技 (a fifth of all companies) no longer ranks every match: the rest
  // come in name order from customer_name. text_pattern_ops: LIKE 'x%' needs byte order.
  await sql`create index customer_name_prefix on customer (lower(name) text_pattern_ops)`.execute(db);
  await sql`create index customer_short_name_prefix on customer (lower(short_name) text_pattern_ops)`.execute(
    db,
  );
  await sql`create index customer_pinyin_prefix on customer (pinyin_key text_pattern_ops)`.execute(db);
  // pinyin_key is "<full pinyin> <initials>": the initials are the second word.
  await sql`create index customer_initials_prefix on customer (split_part(pinyin_key, ' ', 2) text_pattern_ops)`.execute(
    db,
  );
  // Statistics for the new expressions now, not at the next autovacuum: the planner's choice
  // between the name-order scan and the GIN index depends on them. ANALYZE samples: ~1 s at 1M rows.
  await sql`analyze customer`.execute(db);
}
