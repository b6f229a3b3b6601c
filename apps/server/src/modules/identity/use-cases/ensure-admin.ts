import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import type { Kysely } from 'kysely';
import { countUsers, insertUser } from '../identity.repository';
import { hashPassword } from '../passwords';

/**
 * First start: with no users at all, create the administrator named by the configuration.
 * Returns the password when it had to invent one, so start-up can print it once.
 */
export async function ensureAdmin(
  db: Kysely<DB>,
  email: string,
  password: string | undefined,
  fallbackPassword: string,
): Promise<{ created: boolean; email: string; password: string | null }> {
  if ((await countUsers(db)) > 0) return { created: false, email, password: null };
  const chosen = password ?? fallbackPassword;
  await insertUser(db, {
    id: newId(),
    email: email.toLowerCase(),
    name: '系统管理员',
    password_hash: await hashPassword(chosen),
    role: 'admin',
    data_scope: 'all',
    department_id: null,
    phone: '',
    locale: 'zh-CN',
    actorId: null,
  });
  return { created: true, email, password: password ? null : chosen };
}
