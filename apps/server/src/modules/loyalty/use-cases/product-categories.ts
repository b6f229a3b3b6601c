import { newId } from '@weixi/db';
import type {
  CreateProductCategoryRequest,
  ProductCategory,
  UpdateProductCategoryRequest,
} from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../loyalty.policy';
import { auditCategory, presentCategory } from '../loyalty.presenter';
import {
  categoryNameTaken,
  findCategory,
  insertCategory,
  isUniqueViolation,
  listCategories,
  updateCategory,
} from '../loyalty.repository';

const nameTaken = () =>
  new AppError('already_exists', 'A product category with this name already exists', {
    errors: [{ path: 'name', code: 'already_exists', message: 'a category with this name already exists' }],
  });

/** Everyone signed in reads the catalog: account managers pick products from it. */
export async function listProductCategories(ctx: Ctx, input: { active?: 'true' | 'false' | undefined }) {
  const rows = await listCategories(ctx.db, input.active === undefined ? undefined : input.active === 'true');
  return { items: rows.map(presentCategory) };
}

export async function createProductCategory(
  ctx: Ctx,
  input: CreateProductCategoryRequest,
): Promise<ProductCategory> {
  assertCan(ctx.actor, 'manage_catalog');
  if (await categoryNameTaken(ctx.db, input.name)) throw nameTaken();
  const id = newId();
  try {
    await insertCategory(
      ctx.db,
      { id, name: input.name, position: input.position ?? 0, active: input.active ?? true },
      ctx.actor.id,
      ctx.clock.now(),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'product_category_name')) throw nameTaken();
    throw err;
  }
  const created = presentCategory((await findCategory(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'product_category.create',
    entity: 'product_category',
    entityId: id,
    after: auditCategory(created),
  });
  return created;
}

export async function updateProductCategory(
  ctx: Ctx,
  id: string,
  version: number,
  input: UpdateProductCategoryRequest,
): Promise<ProductCategory> {
  assertCan(ctx.actor, 'manage_catalog');
  const current = await findCategory(ctx.db, id);
  if (!current) throw notFound('Product category');
  if (current.version !== version) throw staleVersion('Product category', current.version);
  if (input.name !== undefined && (await categoryNameTaken(ctx.db, input.name, id))) throw nameTaken();
  const { version: _v, ...patch } = input;
  try {
    if (!(await updateCategory(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
      throw staleVersion('Product category', version + 1);
  } catch (err) {
    if (isUniqueViolation(err, 'product_category_name')) throw nameTaken();
    throw err;
  }
  const updated = presentCategory((await findCategory(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'product_category.update',
    entity: 'product_category',
    entityId: id,
    before: auditCategory(presentCategory(current)),
    after: auditCategory(updated),
  });
  return updated;
}
