import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (default now()) unless one is given. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<Record<string, unknown> | null, string | null, string | null>;

/** Columns every mutable table carries: optimistic-concurrency version and who/when. */
interface Tracked {
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  created_by: string | null;
  updated_by: string | null;
}

export interface DepartmentTable extends Tracked {
  id: string;
  name: string;
  parent_id: string | null;
  manager_id: string | null;
}

export interface UserTable extends Tracked {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  data_scope: string;
  department_id: string | null;
  phone: Generated<string>;
  status: Generated<string>;
  locale: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: DefaultTimestamp;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  last_seen_at: DefaultTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: DefaultTimestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  ip: string;
  email: string;
  at: Timestamp;
  success: boolean;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response: Json;
  created_at: DefaultTimestamp;
}

export interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  version: Generated<number>;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
}

export interface DB {
  department: DepartmentTable;
  app_user: UserTable;
  user_session: SessionTable;
  api_token: ApiTokenTable;
  login_attempt: LoginAttemptTable;
  audit_log: AuditLogTable;
  idempotency_key: IdempotencyKeyTable;
  setting: SettingTable;
}

export type DepartmentRow = Selectable<DepartmentTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
