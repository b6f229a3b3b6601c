import type { DB } from '@weixi/db';
import type { DataScopeKind, Role } from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../http/context';
import {
  type ActorRow,
  findSessionActor,
  findTokenActor,
  findUserActor,
  touchApiToken,
  touchSession,
} from '../identity.repository';
import { sha256 } from '../passwords';

// Sliding expiry is refreshed at most this often, so a busy user costs one write per few
// minutes instead of one per request.
const touchEveryMs = 5 * 60_000;

function toActor(
  row: ActorRow,
  via: Actor['via'],
  sessionId: string | null,
  csrfToken: string | null,
): Actor {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    dataScope: row.data_scope as DataScopeKind,
    departmentId: row.department_id,
    departmentName: row.department_name,
    locale: row.locale,
    via,
    sessionId,
    csrfToken,
  };
}

/**
 * A user as the actor of work done in their name outside any request (the demo loader plays its
 * people's days through the use cases); null for an unknown or deactivated user.
 */
export async function actorOfUser(db: Kysely<DB>, userId: string): Promise<Actor | null> {
  const row = await findUserActor(db, userId);
  return row ? toActor(row, 'session', null, null) : null;
}

export async function actorFromSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  ttlHours: number,
): Promise<Actor | null> {
  const sessionId = sha256(token);
  const row = await findSessionActor(db, sessionId, now);
  if (!row) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > touchEveryMs) {
    await touchSession(db, sessionId, now, new Date(now.getTime() + ttlHours * 3_600_000));
  }
  return toActor(row, 'session', sessionId, row.csrf_token);
}

export async function actorFromApiToken(db: Kysely<DB>, token: string, now: Date): Promise<Actor | null> {
  const row = await findTokenActor(db, sha256(token), now);
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > touchEveryMs) {
    await touchApiToken(db, row.token_id, now);
  }
  return toActor(row, 'token', null, null);
}
