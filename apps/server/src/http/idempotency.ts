import { createHash } from 'node:crypto';
import type { DB } from '@weixi/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from './app-error';
import { requireActor } from './context';

const keyPattern = /^[A-Za-z0-9_\-:.]{8,128}$/;

/**
 * Idempotency-Key for creating POSTs. The key is claimed before the work runs (the primary key
 * makes concurrent duplicates lose), the response is stored after; a retry with the same key and
 * body replays the stored response, with another body it is refused.
 */
export async function withIdempotency<T extends object>(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  run: () => Promise<T>,
  opts: {
    /**
     * What identifies the request when its body is not JSON (a multipart upload: the file's name
     * and a hash of its bytes); hashed in place of the body.
     */
    fingerprint?: unknown;
  } = {},
): Promise<T> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined) {
    reply.status(status);
    return run();
  }
  if (!keyPattern.test(key)) {
    throw new AppError(
      'bad_request',
      'Idempotency-Key must be 8–128 characters of letters, digits, _ - : .',
      {
        errors: [{ path: 'headers.idempotency-key', code: 'invalid', message: 'invalid key' }],
      },
    );
  }
  const actor = requireActor(req);
  const { db } = req.server.deps;
  const path = req.routeOptions.url ?? req.url;
  const requestHash = createHash('sha256')
    .update(`${req.method} ${req.url}\n${JSON.stringify(opts.fingerprint ?? req.body ?? null)}`)
    .digest('hex');

  const claimed = await db
    .insertInto('idempotency_key')
    .values({
      user_id: actor.id,
      key,
      method: req.method,
      path,
      request_hash: requestHash,
      status_code: null,
      response: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();

  if (!claimed) {
    const prior = await db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('user_id', '=', actor.id)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
    }
    if (prior.status_code === null) {
      throw new AppError(
        'idempotency_in_progress',
        'A request with this Idempotency-Key is still being processed',
      );
    }
    reply.status(prior.status_code).header('idempotent-replayed', 'true');
    return prior.response as T;
  }

  try {
    const result = await run();
    await db
      .updateTable('idempotency_key')
      .set({ status_code: status, response: JSON.stringify(result) })
      .where('user_id', '=', actor.id)
      .where('key', '=', key)
      .execute();
    reply.status(status);
    return result;
  } catch (err) {
    // A failed attempt must not block a corrected retry with the same key.
    await db.deleteFrom('idempotency_key').where('user_id', '=', actor.id).where('key', '=', key).execute();
    throw err;
  }
}

export async function purgeIdempotencyKeys(db: Kysely<DB>, olderThan: Date): Promise<void> {
  await db.deleteFrom('idempotency_key').where('created_at', '<', olderThan).execute();
}
