import { type Kysely, sql } from 'kysely';

/**
 * The customer row kept its search lexemes twice: as the `search_lexemes` array the application
 * wrote and as the `search` vector generated from it, which the index and every search read. At a
 * million customers that was 583 + 686 of a row's 1,785 bytes (bench archive, 2026-12-04). The
 * vector alone is kept: the application writes it (`array_to_tsvector` of the same lexemes) and
 * `tsvector_to_array(search)` gives the lexemes back. Rows are a third narrower, so every read of
 * the table — lists, searches that test rows, exports, regrades rewriting rows — moves fewer pages.
 *
 * Both statements change the catalogue only. Rows written before keep the dropped array's bytes
 * until they are next rewritten; `VACUUM FULL customer` (docs/operations.md) reclaims them at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customer alter column search drop expression`.execute(db);
  await sql`alter table customer alter column search set default ''::tsvector`.execute(db);
  await sql`alter table customer drop column search_lexemes`.execute(db);
}
