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

type DateColumn = ColumnType<string, string | null, string | null>;
type NumericColumn = ColumnType<string, string | number | null, string | number | null>;
type JsonObject = ColumnType<Record<string, unknown>, string, string>;

export interface CustomerTable extends Tracked {
  id: string;
  kind: Generated<string>;
  name: string;
  short_name: Generated<string>;
  credit_code: string | null;
  industry: Generated<string>;
  scale: string | null;
  province_code: string | null;
  city_code: string | null;
  district_code: string | null;
  address: Generated<string>;
  latitude: NumericColumn | null;
  longitude: NumericColumn | null;
  phone: Generated<string>;
  email: Generated<string>;
  wechat: Generated<string>;
  website: Generated<string>;
  source: string | null;
  founded_on: DateColumn | null;
  signed_on: DateColumn | null;
  tags: Generated<string[]>;
  preferences: Generated<string>;
  owner_id: string | null;
  department_id: string | null;
  category: Generated<string>;
  grade: string | null;
  value_tier: string | null;
  lifecycle: Generated<string>;
  status: Generated<string>;
  invalid_reason: string | null;
  invalidated_at: Timestamp | null;
  invalidated_by: string | null;
  merged_into_id: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  custom: ColumnType<Record<string, unknown>, string | undefined, string>;
  name_key: string;
  /** 'ningboyixin nbyx': ranks pinyin prefix hits above contains hits. */
  pinyin_key: Generated<string>;
  phone_keys: Generated<string[]>;
  /** Written as `array_to_tsvector(lexemes)` (customers.repository searchVector); read by search. */
  search: ColumnType<string, string | undefined, string>;
  /** The pool's recycling clock (migration 0009); a trigger fills it on insert and owner change. */
  last_interaction_at: ColumnType<Date, Date | string | undefined, Date | string>;
  recycle_warned_at: Timestamp | null;
  /** The executive who personally holds this key customer (我的重点客户). */
  executive_sponsor_id: string | null;
  /** Latest qualifying interaction (migration 0010, decision 011). */
  last_follow_up_at: Timestamp | null;
  /** Latest outbound interaction the current owner took part in; recomputed on a change of owner. */
  last_owner_contact_at: Timestamp | null;
}

/**
 * When a customer's next follow-up falls due (migration 0012, decision 011): a narrow side table so
 * a cadence change rewrites three columns, not the wide customer row. Written only by the customer
 * table's triggers and the recompute job, hence not writable through the typed schema.
 */
export interface CustomerFollowUpTable {
  customer_id: ColumnType<string, never, never>;
  /** A copy of customer.owner_id, for one index range per person. */
  owner_id: ColumnType<string | null, never, never>;
  /** Null exactly when the customer is not active. */
  due_at: ColumnType<Date | null, never, never>;
}

export interface CustomerCollaboratorTable {
  customer_id: string;
  user_id: string;
  created_at: DefaultTimestamp;
  created_by: string | null;
}

export interface ContactTable extends Tracked {
  id: string;
  customer_id: string;
  name: string;
  employer: Generated<string>;
  position: Generated<string>;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  wechat: Generated<string>;
  birthday: DateColumn | null;
  decision_role: string | null;
  has_decision_authority: Generated<boolean>;
  preferred_channel: string | null;
  personal_notes: Generated<string>;
  is_key: Generated<boolean>;
  phone_key: Generated<string>;
  /** Values of the `contact` custom fields (migration 0006). */
  custom: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface CustomFieldDefinitionTable extends Tracked {
  id: string;
  entity: Generated<string>;
  key: string;
  label_zh: string;
  label_en: string;
  type: string;
  options: ColumnType<{ value: string; labelZh: string; labelEn: string }[], string | undefined, string>;
  required: Generated<boolean>;
  position: Generated<number>;
  active: Generated<boolean>;
}

export interface SavedViewTable extends Tracked {
  id: string;
  user_id: string;
  entity: string;
  name: string;
  query: JsonObject;
}

export interface CustomerImportTable extends Tracked {
  id: string;
  file_name: string;
  format: string;
  encoding: string | null;
  file_path: string;
  /** xlsx: N of xl/worksheets/sheetN.xml, the sheet being imported. */
  sheet_no: string | null;
  headers: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<Record<string, string | null> | null, string | null | undefined, string | null>;
  duplicate_policy: string | null;
  default_owner_id: string | null;
  default_owner_set: Generated<boolean>;
  status: Generated<string>;
  total_rows: number | null;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  rejected: Generated<number>;
  error: string | null;
  started_by: string | null;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface CustomerImportRejectionTable {
  import_id: string;
  row_number: number;
  seq: number;
  column_name: string | null;
  code: string;
  message: string;
  raw: ColumnType<string[], string, string>;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  params: ColumnType<Record<string, string | number>, string, string>;
  link: string | null;
  entity: string | null;
  entity_id: string | null;
  actor_id: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface JobRunTable {
  id: string;
  name: string;
  started_by: string | null;
  progress_done: number | null;
  progress_total: number | null;
  progress_at: Timestamp | null;
  created_at: Timestamp;
}

/** bigint columns come back from pg as strings (they may exceed 2^53); parse with BigInt/Number. */
type BigintColumn = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface ProductCategoryTable extends Tracked {
  id: string;
  name: string;
  position: Generated<number>;
  active: Generated<boolean>;
}

export interface ProductTable extends Tracked {
  id: string;
  code: string;
  name: string;
  category_id: string;
  unit: Generated<string>;
  list_price_fen: ColumnType<string | null, string | number | bigint | null, string | number | bigint | null>;
  active: Generated<boolean>;
}

export interface CustomerOrderTable extends Tracked {
  id: string;
  customer_id: string;
  ordered_on: DateColumn;
  product_id: string;
  /** numeric(14,3) as text: '12.500'. */
  quantity: NumericColumn;
  amount_fen: BigintColumn;
  channel: Generated<string>;
  external_ref: string | null;
  notes: Generated<string>;
}

export interface OrderImportTable extends Tracked {
  id: string;
  file_name: string;
  format: string;
  encoding: string | null;
  file_path: string;
  sheet_no: string | null;
  headers: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<Record<string, string | null> | null, string | null | undefined, string | null>;
  default_channel: string | null;
  status: Generated<string>;
  total_rows: number | null;
  processed: Generated<number>;
  created: Generated<number>;
  already_imported: Generated<number>;
  rejected: Generated<number>;
  error: string | null;
  started_by: string | null;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface OrderImportRejectionTable {
  import_id: string;
  row_number: number;
  seq: number;
  column_name: string | null;
  code: string;
  message: string;
  raw: ColumnType<string[], string, string>;
}

export interface OwnershipHistoryTable {
  id: string;
  customer_id: string;
  kind: string;
  from_user_id: string | null;
  to_user_id: string | null;
  reason: Generated<string>;
  actor_id: string | null;
  at: Timestamp;
}

/** A saved version of the grading rules; only `is_current` ever changes after insert. */
export interface GradingRuleSetTable {
  id: string;
  version: number;
  /** GradingRules (packages/shared/src/grading.ts), validated before it is saved. */
  rules: ColumnType<unknown, string, string>;
  note: Generated<string>;
  is_current: Generated<boolean>;
  created_at: DefaultTimestamp;
  created_by: string | null;
}

/** Written only by the set-based regrade SQL (modules/grading/grading-sql.ts); `computed_at` is when it last changed. */
export interface CustomerScoreTable {
  customer_id: string;
  rule_version: number;
  as_of: DateColumn;
  /** numeric(5,2) as text: '82.50'. */
  score: NumericColumn;
  breakdown: ColumnType<unknown, string, string>;
  value_12m_fen: BigintColumn;
  frequency_12m: number;
  last_order_on: DateColumn | null;
  cooperation_years: number | null;
  satisfaction: NumericColumn | null;
  proposed_grade: string;
  proposed_category: string;
  proposed_value_tier: string;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  computed_at: Timestamp;
}

export interface GradeOverrideTable {
  customer_id: string;
  /** grade | category | value_tier */
  field: string;
  value: string;
  reason: string;
  created_at: DefaultTimestamp;
  created_by: string | null;
}

export interface GradeHistoryTable {
  id: ColumnType<string, never, never>;
  customer_id: string;
  from_grade: string | null;
  to_grade: string | null;
  cause: string;
  rule_version: number | null;
  reason: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface GradeServiceStandardTable extends Tracked {
  grade: string;
  follow_up_days: number;
  service_model: string;
  hospitality_tier: string;
  queue_priority: number;
}

export interface VisitTable extends Tracked {
  id: string;
  customer_id: string;
  visitor_id: string;
  planned_on: DateColumn;
  /** 'HH:MM:SS' as pg returns `time`. */
  planned_time: string | null;
  stop_order: number | null;
  purpose: string;
  objectives: Generated<string>;
  materials: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<string>;
  cancel_reason: string | null;
  check_in_at: Timestamp | null;
  check_in_latitude: NumericColumn | null;
  check_in_longitude: NumericColumn | null;
  check_in_accuracy_m: number | null;
  check_in_distance_m: number | null;
  check_in_flag: string | null;
  received_by: ColumnType<unknown[], string | undefined, string>;
  needs: Generated<string>;
  problems: Generated<string>;
  objections: Generated<string>;
  prospects: Generated<string>;
  competitor_info: Generated<string>;
  credit_change: string | null;
  credit_change_cause: Generated<string>;
  report_summary: Generated<string>;
  reported_at: Timestamp | null;
}

export interface InteractionTable extends Tracked {
  id: string;
  customer_id: string;
  channel: string;
  direction: string;
  occurred_at: Timestamp;
  summary: string;
  needs_found: Generated<string>;
  next_step: Generated<string>;
  guide_business: Generated<boolean>;
  guide_needs: Generated<boolean>;
  guide_rapport: Generated<boolean>;
  guide_value: Generated<boolean>;
  visit_id: string | null;
  qualifies: boolean;
}

export interface InteractionContactTable {
  interaction_id: string;
  contact_id: string;
}

export interface InteractionStaffTable {
  interaction_id: string;
  user_id: string;
}

export interface TaskTable extends Tracked {
  id: string;
  title: string;
  description: Generated<string>;
  customer_id: string | null;
  owner_id: string;
  due_on: DateColumn;
  status: Generated<string>;
  source: Generated<string>;
  source_id: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  completion_note: Generated<string>;
}

export interface AttachmentTable {
  id: string;
  entity: string;
  entity_id: string;
  file_name: string;
  content_type: string;
  size_bytes: BigintColumn;
  sha256: string;
  storage_key: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  topic: string;
  email: boolean;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  notification_id: string | null;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface TicketCategoryTable extends Tracked {
  id: string;
  name: string;
  description: Generated<string>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
}

export interface RootCauseTable extends Tracked {
  id: string;
  name: string;
  description: Generated<string>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
}

export interface ReplyTemplateTable extends Tracked {
  id: string;
  title: string;
  category_id: string | null;
  body: string;
  active: Generated<boolean>;
}

export interface TicketTable extends Tracked {
  id: string;
  number: ColumnType<string, string | number | undefined, never>;
  customer_id: string;
  contact_id: string | null;
  channel: string;
  kind: string;
  category_id: string | null;
  priority: string;
  important: Generated<boolean>;
  subject: string;
  description: Generated<string>;
  owner_id: string | null;
  status: Generated<string>;
  stage: Generated<string>;
  root_cause_id: string | null;
  resolution: Generated<string>;
  received_at: Timestamp;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  reopen_count: Generated<number>;
  sla_policy_index: number | null;
  first_response_target_ms: BigintColumn;
  first_response_mode: string;
  resolution_target_ms: BigintColumn;
  resolution_mode: string;
  first_response_due_at: Timestamp;
  resolution_due_at: Timestamp;
  next_due_at: Timestamp | null;
  waiting_since: Timestamp | null;
  first_response_breached: Generated<boolean>;
  resolution_breached: Generated<boolean>;
  first_response_warned_at: Timestamp | null;
  resolution_warned_at: Timestamp | null;
  first_response_escalated_at: Timestamp | null;
  resolution_escalated_at: Timestamp | null;
}

export interface TicketPauseTable {
  id: string;
  ticket_id: string;
  from_at: Timestamp;
  to_at: Timestamp | null;
  reason: Generated<string>;
}

export interface TicketEventTable {
  id: string;
  ticket_id: string;
  customer_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: string;
  visibility: Generated<string>;
  body: Generated<string>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface SurveyTable extends Tracked {
  id: string;
  title: string;
  intro: Generated<string>;
  questions: ColumnType<unknown, string, string>;
  status: Generated<string>;
}

export interface SurveyScheduleTable extends Tracked {
  id: string;
  survey_id: string;
  name: string;
  audience: ColumnType<Record<string, unknown>, string, string>;
  interval_days: number;
  next_run_on: DateColumn;
  last_run_at: Timestamp | null;
  active: Generated<boolean>;
}

export interface SurveyInvitationTable {
  id: string;
  survey_id: string;
  customer_id: string;
  contact_id: string | null;
  ticket_id: string | null;
  schedule_id: string | null;
  channel: string;
  recipient: string | null;
  locale: Generated<string>;
  sent_at: Timestamp;
  expires_at: Timestamp;
  opened_at: Timestamp | null;
  answered_at: Timestamp | null;
  created_by: string | null;
}

export interface SurveyResponseTable {
  id: string;
  invitation_id: string;
  survey_id: string;
  customer_id: string;
  ticket_id: string | null;
  submitted_at: Timestamp;
  answers: ColumnType<unknown, string, string>;
  csat: number | null;
  nps: number | null;
  low_score: Generated<boolean>;
  follow_up_task_id: string | null;
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
  customer: CustomerTable;
  customer_collaborator: CustomerCollaboratorTable;
  customer_follow_up: CustomerFollowUpTable;
  contact: ContactTable;
  custom_field_definition: CustomFieldDefinitionTable;
  saved_view: SavedViewTable;
  customer_import: CustomerImportTable;
  customer_import_rejection: CustomerImportRejectionTable;
  notification: NotificationTable;
  job_run: JobRunTable;
  product_category: ProductCategoryTable;
  product: ProductTable;
  customer_order: CustomerOrderTable;
  order_import: OrderImportTable;
  order_import_rejection: OrderImportRejectionTable;
  ownership_history: OwnershipHistoryTable;
  grading_rule_set: GradingRuleSetTable;
  customer_score: CustomerScoreTable;
  grade_override: GradeOverrideTable;
  grade_history: GradeHistoryTable;
  grade_service_standard: GradeServiceStandardTable;
  visit: VisitTable;
  interaction: InteractionTable;
  interaction_contact: InteractionContactTable;
  interaction_staff: InteractionStaffTable;
  task: TaskTable;
  attachment: AttachmentTable;
  notification_preference: NotificationPreferenceTable;
  outbox: OutboxTable;
  ticket_category: TicketCategoryTable;
  root_cause: RootCauseTable;
  reply_template: ReplyTemplateTable;
  ticket: TicketTable;
  ticket_pause: TicketPauseTable;
  ticket_event: TicketEventTable;
  survey: SurveyTable;
  survey_schedule: SurveyScheduleTable;
  survey_invitation: SurveyInvitationTable;
  survey_response: SurveyResponseTable;
}

export type DepartmentRow = Selectable<DepartmentTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type ContactRow = Selectable<ContactTable>;
export type CustomFieldDefinitionRow = Selectable<CustomFieldDefinitionTable>;
