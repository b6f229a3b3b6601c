import { newId } from '@weixi/db';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentApiToken } from '../identity.presenter';
import {
  insertApiToken,
  listApiTokens as listTokenRows,
  revokeApiToken as revokeTokenRow,
} from '../identity.repository';
import { randomToken, sha256 } from '../passwords';

// Tokens act as the user who made them, with that user's role and scope; the secret is shown
// once and only its hash is kept.

export async function createApiToken(
  ctx: Ctx,
  input: { name: string; expiresInDays?: number | null | undefined },
) {
  const id = newId();
  const secret = `wx_${randomToken(32)}`;
  const now = ctx.clock.now();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  await insertApiToken(ctx.db, {
    id,
    user_id: ctx.actor.id,
    name: input.name,
    token_hash: sha256(secret),
    prefix: secret.slice(0, 7),
    expires_at: expiresAt,
  });
  await recordAudit(ctx, {
    action: 'api_token.create',
    entity: 'api_token',
    entityId: id,
    after: { name: input.name },
  });
  return {
    ...presentApiToken({
      id,
      name: input.name,
      prefix: secret.slice(0, 7),
      created_at: now,
      last_used_at: null,
      expires_at: expiresAt,
    }),
    token: secret,
  };
}

export async function listApiTokens(ctx: Ctx) {
  return { items: (await listTokenRows(ctx.db, ctx.actor.id)).map(presentApiToken) };
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  if (!(await revokeTokenRow(ctx.db, ctx.actor.id, id, ctx.clock.now()))) throw notFound('API token');
  await recordAudit(ctx, { action: 'api_token.revoke', entity: 'api_token', entityId: id });
}
