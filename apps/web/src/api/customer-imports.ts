import {
  type DuplicatePolicy,
  type ImportField,
  type ImportJob,
  type ImportJobSummary,
  type ImportUploadResponse,
  importJobPageSchema,
  importJobSchema,
  importUploadResponseSchema,
  problemSchema,
  type StartImportRequest,
  staffPageSchema,
} from '@weixi/shared';
import { ApiError, api, problemExtensions } from './client';

export type { DuplicatePolicy, ImportField, ImportJob, ImportJobSummary, ImportUploadResponse };

export const importKeys = {
  recent: ['customer-imports', 'recent'] as const,
  job: (id: string) => ['customer-imports', id] as const,
  staff: (q: string) => ['staff', 'import-owner', q] as const,
};

function problemOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body: unknown = JSON.parse(xhr.responseText);
    const parsed = problemSchema.safeParse(body);
    if (parsed.success) return new ApiError(xhr.status, parsed.data, problemExtensions(body));
  } catch {
    // Not JSON (a proxy's error page, or the connection dropped): the status says what we know.
  }
  if (xhr.status === 0)
    return new ApiError(0, { code: 'network_error', detail: xhr.statusText || 'network error' });
  return new ApiError(xhr.status, {
    code: xhr.status === 413 ? 'payload_too_large' : xhr.status >= 500 ? 'internal' : 'bad_request',
    detail: `${xhr.status} ${xhr.statusText}`,
  });
}

/**
 * Uploads with XMLHttpRequest rather than fetch: it reports upload progress, which a 50 MB file
 * on an office line needs. Cookie-authenticated like every call, with the session's CSRF token.
 * With an Idempotency-Key, sending the same file again after a lost answer gets the first upload's
 * import instead of a second one.
 */
function uploadFile(
  file: File,
  csrfToken: string | null,
  onProgress: (percent: number) => void,
  opts: { signal?: AbortSignal; idempotencyKey?: string } = {},
): Promise<ImportUploadResponse> {
  const { signal, idempotencyKey } = opts;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/customer-imports');
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    if (idempotencyKey) xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status !== 201) return reject(problemOf(xhr));
      try {
        resolve(importUploadResponseSchema.parse(JSON.parse(xhr.responseText)));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(problemOf(xhr));
    signal?.addEventListener('abort', () => xhr.abort());
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

export const customerImportsApi = {
  upload: uploadFile,
  recent: () => api.get('/customer-imports', { query: { limit: 5 }, schema: importJobPageSchema }),
  get: (id: string) => api.get(`/customer-imports/${id}`, { schema: importJobSchema }),
  start: (id: string, body: StartImportRequest) =>
    api.post(`/customer-imports/${id}/start`, { body, schema: importJobSchema }),
  staff: (q: string) =>
    api.get('/staff', { query: { q: q || undefined, limit: 20 }, schema: staffPageSchema }),
  /** A plain link: the browser saves the CSV itself, authenticated by the session cookie. */
  rejectionsUrl: (id: string) => `/api/v1/customer-imports/${id}/rejections.csv`,
};
