import { etagFor, parseIfMatch } from '@weixi/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/**
 * The version the client last saw, from If-Match or the body's `version`. Updates without one
 * are refused (428) rather than allowed to overwrite blindly.
 */
export function expectedVersion(req: FastifyRequest, bodyVersion: number | undefined): number {
  const header = req.headers['if-match'];
  const fromHeader = parseIfMatch(Array.isArray(header) ? header[0] : header);
  if (fromHeader === undefined) {
    throw new AppError('bad_request', 'If-Match must be the quoted version from the ETag, e.g. "3"', {
      errors: [{ path: 'headers.if-match', code: 'invalid', message: 'not a version' }],
    });
  }
  const version = fromHeader ?? bodyVersion;
  if (version === undefined) {
    throw new AppError(
      'precondition_required',
      'Send If-Match: "<version>" or a version field with updates',
      {
        errors: [{ path: 'version', code: 'required', message: 'required' }],
      },
    );
  }
  if (fromHeader !== null && bodyVersion !== undefined && bodyVersion !== fromHeader) {
    throw new AppError('bad_request', 'If-Match and body version disagree', {
      errors: [{ path: 'version', code: 'mismatch', message: 'differs from If-Match' }],
    });
  }
  return version;
}

export function staleVersion(entity: string, currentVersion: number): AppError {
  return new AppError(
    'version_conflict',
    `${entity} was changed by someone else (now version ${currentVersion}); reload and apply your change again`,
    { currentVersion },
  );
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagFor(version));
}
