import { newId } from '@weixi/db';
import type {
  CreateProductRequest,
  FieldIssue,
  ListProductsQuery,
  Product,
  UpdateProductRequest,
} from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../loyalty.policy';
import { auditProduct, presentProduct } from '../loyalty.presenter';
import {
  findCategory,
  findProduct,
  insertProduct,
  isUniqueViolation,
  listProducts as listProductRows,
  type ProductRow,
  type ProductWrite,
  productCodeTaken,
  updateProduct as updateProductRow,
} from '../loyalty.repository';

const codeIssue: FieldIssue = {
  path: 'code',
  code: 'already_exists',
  message: 'another product has this code (codes are compared ignoring case)',
};

function throwIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  // A duplicate code alone is a conflict with an existing record (409); anything else is a 400.
  if (issues.length === 1 && issues[0] === codeIssue)
    throw new AppError('already_exists', 'A product with this code already exists', { errors: issues });
  throw new AppError('validation_failed', 'Some fields are not valid', { errors: issues });
}

async function checkProduct(
  ctx: Ctx,
  input: { code?: string | undefined; categoryId?: string | undefined },
  current: ProductRow | null,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.categoryId !== undefined && input.categoryId !== current?.category_id) {
    const category = await findCategory(ctx.db, input.categoryId);
    if (!category)
      issues.push({ path: 'categoryId', code: 'not_found', message: 'no such product category' });
    else if (!category.active)
      issues.push({ path: 'categoryId', code: 'inactive', message: 'this category is no longer in use' });
  }
  if (input.code !== undefined && (await productCodeTaken(ctx.db, input.code, current?.id)))
    issues.push(codeIssue);
  return issues;
}

function toWrite(input: CreateProductRequest | UpdateProductRequest): ProductWrite {
  const w: ProductWrite = {};
  if (input.code !== undefined) w.code = input.code;
  if (input.name !== undefined) w.name = input.name;
  if (input.categoryId !== undefined) w.category_id = input.categoryId;
  if (input.unit !== undefined) w.unit = input.unit;
  if (input.listPriceFen !== undefined) w.list_price_fen = input.listPriceFen;
  if (input.active !== undefined) w.active = input.active;
  return w;
}

export async function listProducts(ctx: Ctx, input: ListProductsQuery) {
  const cursor = readCursor(input.cursor, 2);
  const { rows, total } = await listProductRows(
    ctx.db,
    {
      q: input.q || undefined,
      categoryId: input.categoryId,
      active: input.active === undefined ? undefined : input.active === 'true',
    },
    input.limit,
    cursor ? { code: String(cursor.values[0]), id: cursor.id } : null,
  );
  return pageOf(rows, input.limit, total, presentProduct, (r) => [r.code, r.id]);
}

export async function createProduct(ctx: Ctx, input: CreateProductRequest): Promise<Product> {
  assertCan(ctx.actor, 'manage_catalog');
  throwIssues(await checkProduct(ctx, input, null));
  const id = newId();
  try {
    await insertProduct(
      ctx.db,
      { ...toWrite(input), id, code: input.code, name: input.name, category_id: input.categoryId },
      ctx.actor.id,
      ctx.clock.now(),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'product_code')) throwIssues([codeIssue]);
    throw err;
  }
  const created = presentProduct((await findProduct(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'product.create',
    entity: 'product',
    entityId: id,
    after: auditProduct(created),
  });
  return created;
}

export async function updateProduct(
  ctx: Ctx,
  id: string,
  version: number,
  input: UpdateProductRequest,
): Promise<Product> {
  assertCan(ctx.actor, 'manage_catalog');
  const current = await findProduct(ctx.db, id);
  if (!current) throw notFound('Product');
  if (current.version !== version) throw staleVersion('Product', current.version);
  throwIssues(await checkProduct(ctx, input, current));
  try {
    if (!(await updateProductRow(ctx.db, id, version, toWrite(input), ctx.actor.id, ctx.clock.now())))
      throw staleVersion('Product', version + 1);
  } catch (err) {
    if (isUniqueViolation(err, 'product_code')) throwIssues([codeIssue]);
    throw err;
  }
  const updated = presentProduct((await findProduct(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'product.update',
    entity: 'product',
    entityId: id,
    before: auditProduct(presentProduct(current)),
    after: auditProduct(updated),
  });
  return updated;
}
