import { z } from 'zod';

/**
 * Stable error codes: clients (and the web app's translations) key on these, never on messages.
 * The HTTP status for each lives here so server and client agree on it.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  already_exists: 409,
  version_conflict: 409,
  duplicate_suspected: 409,
  conflict: 409,
  idempotency_in_progress: 409,
  // The public pool (公海池): claims that lose a race or break a rule. With `limit`/`held`, or `availableOn`.
  already_owned: 409,
  claim_limit_reached: 409,
  reclaim_cooldown: 409,
  key_customer_limit: 409,
  // The e-mail outbox: only a message that failed for good can be put back for another round.
  outbox_not_failed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  // A well-formed request the record's rules refuse, named by field (a contact of another customer,
  // a complaint closed without its root cause, a reply e-mailed with no address).
  unprocessable: 422,
  // Uploaded spreadsheets (customer import): the file arrived but cannot be imported. Each keeps
  // its one `errors` entry on path `file` with the sentence naming the cells or columns at fault.
  file_too_large: 413,
  not_a_spreadsheet: 415,
  empty_file: 422,
  unknown_encoding: 422,
  unreadable_file: 422,
  no_header_row: 422,
  blank_header: 422,
  duplicate_header: 422,
  merged_header: 422,
  account_locked: 423,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const fieldIssueSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. "email" or "items.2.name"'),
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** RFC 9457 problem details, with our stable `code` and per-field issues. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(fieldIssueSchema).optional(),
  currentVersion: z.number().int().optional(),
  retryAfterSeconds: z.number().int().optional(),
  limit: z.number().int().optional().describe('With claim_limit_reached / key_customer_limit: the limit'),
  held: z
    .number()
    .int()
    .optional()
    .describe('With claim_limit_reached / key_customer_limit: how many are held now'),
  availableOn: z
    .string()
    .optional()
    .describe('With reclaim_cooldown: the first date (YYYY-MM-DD, business time zone) the claim is allowed'),
  duplicates: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .describe(
      'With duplicate_suspected: the likely duplicates (DuplicateMatch); resend with confirmDuplicates to proceed',
    ),
});
export type Problem = z.infer<typeof problemSchema>;
