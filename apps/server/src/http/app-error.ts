import { type ErrorCode, errorStatus, type FieldIssue } from '@weixi/shared';

/** The one error type use cases throw; the error handler turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      errors?: FieldIssue[];
      currentVersion?: number;
      retryAfterSeconds?: number;
      duplicates?: Record<string, unknown>[];
      limit?: number;
      held?: number;
      availableOn?: string;
    } = {},
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (entity: string) => new AppError('not_found', `${entity} not found`);

export function fieldError(
  path: string,
  code: string,
  message: string,
  errorCode: ErrorCode = 'validation_failed',
) {
  return new AppError(errorCode, message, { errors: [{ path, code, message }] });
}
