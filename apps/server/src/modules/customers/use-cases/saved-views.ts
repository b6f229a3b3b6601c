import { newId } from '@weixi/db';
import { fieldError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import {
  deleteSavedView as deleteRow,
  findSavedView,
  insertSavedView,
  listSavedViews as listRows,
  updateSavedView as updateRow,
} from '../customers.repository';

// Saved views are personal: each user sees and changes only their own, so they are not audited.

export async function listSavedViews(ctx: Ctx, entity: string) {
  return { items: await listRows(ctx.db, ctx.actor.id, entity) };
}

export async function createSavedView(
  ctx: Ctx,
  entity: string,
  input: { name: string; query: Record<string, unknown> },
) {
  const existing = await listRows(ctx.db, ctx.actor.id, entity);
  if (existing.some((v) => v.name === input.name))
    throw fieldError('name', 'already_exists', 'you already have a view with this name', 'already_exists');
  const id = newId();
  await insertSavedView(ctx.db, { id, user_id: ctx.actor.id, entity, name: input.name, query: input.query });
  return (await findSavedView(ctx.db, ctx.actor.id, id))!;
}

export async function updateSavedView(
  ctx: Ctx,
  id: string,
  version: number,
  input: { name?: string | undefined; query?: Record<string, unknown> | undefined },
) {
  const current = await findSavedView(ctx.db, ctx.actor.id, id);
  if (!current) throw notFound('Saved view');
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.query !== undefined ? { query: input.query } : {}),
  };
  if (!(await updateRow(ctx.db, ctx.actor.id, id, version, patch, ctx.clock.now())))
    throw staleVersion('Saved view', current.version);
  return (await findSavedView(ctx.db, ctx.actor.id, id))!;
}

export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  if (!(await deleteRow(ctx.db, ctx.actor.id, id))) throw notFound('Saved view');
}
