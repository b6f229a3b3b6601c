import type { Migration } from 'kysely';
import * as m0001 from './0001-identity';
import * as m0002 from './0002-customers';
import * as m0003 from './0003-customer-imports';

/**
 * Migrations are listed statically (not read from a folder) so the bundled server carries them.
 * Forward-only: never edit one that has shipped; add the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001-identity': m0001,
  '0002-customers': m0002,
  '0003-customer-imports': m0003,
};
