import { type ErrorCode, type FieldIssue, type Problem, problemSchema } from '@weixi/shared';

/** Anything with a zod-like `parse`: the shared response schemas, used to check the contract at runtime. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/** RFC 9457's own members; everything else in a problem is an extension member. */
const standardMembers = new Set(['type', 'title', 'status', 'detail', 'instance']);

/**
 * The extension members of a problem body as sent (`code`, `errors`, `duplicates`, …), unparsed:
 * whoever reads one checks it with its shared schema, so a member added on the server reaches the
 * page that needs it without the client dropping it on the way.
 */
export function problemExtensions(body: unknown): Readonly<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([key]) => !standardMembers.has(key)));
}

/** A failed request, carrying the server's problem+json (or a synthetic one for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error' | (string & {});
  readonly detail: string;
  readonly fieldErrors: FieldIssue[];
  readonly currentVersion: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Every extension member of the problem, e.g. `duplicates` of duplicate_suspected; parse before use. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    problem: Partial<Problem> & { code: string },
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(problem.detail ?? problem.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail ?? problem.title ?? problem.code;
    this.fieldErrors = problem.errors ?? [];
    this.currentVersion = problem.currentVersion;
    this.retryAfterSeconds = problem.retryAfterSeconds;
    this.extensions = extensions;
  }

  /** The session is gone: the only useful reaction is the sign-in page. */
  get isUnauthenticated(): boolean {
    return this.status === 401 && this.code !== 'invalid_credentials';
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The record version the user last saw; sent as If-Match so a stale edit is refused (409). */
  version?: number;
  /** One per opened create form, so a double submit or a retry cannot create twice. */
  idempotencyKey?: string;
  schema?: Parser<T>;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let csrfRefresh: (() => Promise<string | null>) | null = null;

/** The session's CSRF token comes from the login and /me responses and lives only in memory. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** How to fetch a fresh CSRF token when the server rejects ours (e.g. after signing in in another tab). */
export function setCsrfRefresher(refresh: () => Promise<string | null>): void {
  csrfRefresh = refresh;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const url = `/api/v1${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function readProblem(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await res.json();
      const parsed = problemSchema.safeParse(body);
      if (parsed.success) return new ApiError(res.status, parsed.data, problemExtensions(body));
    } catch {
      // Not JSON after all (a proxy's error page): the generic error below says what we know.
    }
  }
  const code = res.status >= 500 ? 'internal' : 'bad_request';
  return new ApiError(res.status, { code, detail: `${res.status} ${res.statusText}` });
}

async function send(method: string, path: string, opts: RequestOptions<unknown>): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (unsafe.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, {
      code: 'network_error',
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

export async function request<T = void>(
  method: string,
  path: string,
  opts: RequestOptions<T> = {},
): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 403 && unsafe.has(method) && csrfRefresh) {
    const problem = await readProblem(res.clone());
    if (problem.code === 'csrf_failed') {
      // Our token may be stale (a new session was started elsewhere); one refresh, one retry.
      csrfToken = await csrfRefresh();
      res = await send(method, path, opts);
    }
  }
  if (!res.ok) throw await readProblem(res);
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json();
  return opts.schema ? opts.schema.parse(data) : (data as T);
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions<T>) => request<T>('GET', path, opts),
  post: <T = void>(path: string, opts?: RequestOptions<T>) => request<T>('POST', path, opts),
  patch: <T>(path: string, opts?: RequestOptions<T>) => request<T>('PATCH', path, opts),
  delete: <T = void>(path: string, opts?: RequestOptions<T>) => request<T>('DELETE', path, opts),
};

/**
 * A fresh Idempotency-Key (the server accepts 8–128 chars of [A-Za-z0-9_-:.]). `randomUUID` exists only
 * in secure contexts, and small teams often open the app over plain http on a LAN address.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
