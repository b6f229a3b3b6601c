import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Administrators could define custom fields for contacts (custom_field_definition.entity =
  // 'contact') but contacts had nowhere to keep the values. Validated in the app against the
  // definitions, like customer.custom. No GIN index: nothing filters contacts by these values yet.
  await sql`alter table contact add column custom jsonb not null default '{}'`.execute(db);

  // Created by 0002 for an import design that was replaced by customer_import and
  // customer_import_rejection (0003); nothing ever wrote to them. Rows cascade from job to error.
  await sql`drop table if exists import_row_error`.execute(db);
  await sql`drop table if exists import_job`.execute(db);
}
