import type { Migration } from 'kysely';
import * as m0001 from './0001-identity';
import * as m0002 from './0002-customers';
import * as m0003 from './0003-customer-imports';
import * as m0004 from './0004-list-indexes';
import * as m0005 from './0005-jobs-notifications';
import * as m0006 from './0006-archive-polish';
import * as m0007 from './0007-orders';
import * as m0008 from './0008-grading';
import * as m0009 from './0009-ownership-pool';
import * as m0010 from './0010-engagement';
import * as m0011 from './0011-service';
import * as m0012 from './0012-follow-up-clock';
import * as m0013 from './0013-owner-status-grade';
import * as m0014 from './0014-search-vector-only';

/**
 * Migrations are listed statically (not read from a folder) so the bundled server carries them.
 * Forward-only: never edit one that has shipped; add the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001-identity': m0001,
  '0002-customers': m0002,
  '0003-customer-imports': m0003,
  '0004-list-indexes': m0004,
  '0005-jobs-notifications': m0005,
  '0006-archive-polish': m0006,
  '0007-orders': m0007,
  '0008-grading': m0008,
  '0009-ownership-pool': m0009,
  '0010-engagement': m0010,
  '0011-service': m0011,
  '0012-follow-up-clock': m0012,
  '0013-owner-status-grade': m0013,
  '0014-search-vector-only': m0014,
};
