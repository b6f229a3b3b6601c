import type { FieldIssue, OrderImportJob, StartOrderImportRequest } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../loyalty.policy';
import { presentOrderImport } from '../loyalty.presenter';
import { findOrderImport, markOrderImportStarted } from '../order-import.repository';

/** Only the uploader (or an administrator) may see or start an import; anyone else gets 404. */
export function orderImportViewer(ctx: Ctx) {
  return { userId: ctx.actor.id, anyone: ctx.actor.role === 'admin' };
}

function mappingIssues(headers: string[], mapping: StartOrderImportRequest['mapping']): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const used = new Map<string, string>();
  for (const [col, key] of Object.entries(mapping)) {
    if (key === null) continue;
    const path = `mapping.${col}`;
    const index = Number(col);
    if (index >= headers.length || !headers[index])
      issues.push({ path, code: 'unknown_column', message: 'the file has no named column with this index' });
    else if (used.has(key))
      issues.push({
        path,
        code: 'mapped_twice',
        message: `${key} is already mapped to column ${used.get(key)}`,
      });
    else used.set(key, col);
  }
  for (const key of ['orderedOn', 'quantity', 'amount'])
    if (!used.has(key))
      issues.push({ path: 'mapping', code: `${key}_required`, message: `map a column to ${key}` });
  if (!used.has('customerName') && !used.has('creditCode'))
    issues.push({
      path: 'mapping',
      code: 'customer_required',
      message: 'map a column to the customer: creditCode or customerName (or both)',
    });
  if (!used.has('productCode') && !used.has('productName'))
    issues.push({
      path: 'mapping',
      code: 'product_required',
      message: 'map a column to the product: productCode or productName (or both)',
    });
  if (used.has('lineNo') && !used.has('externalRef'))
    issues.push({
      path: 'mapping',
      code: 'line_without_ref',
      message: 'a line number only means something with the document number (externalRef)',
    });
  return issues;
}

/** Checks the mapping and moves the job to running; the route then runs it after answering 202. */
export async function startOrderImport(
  ctx: Ctx,
  id: string,
  input: StartOrderImportRequest,
): Promise<OrderImportJob> {
  assertCan(ctx.actor, 'import_orders');
  const job = await findOrderImport(ctx.db, id, orderImportViewer(ctx));
  if (!job) throw notFound('Import');
  if (job.status !== 'uploaded') throw new AppError('conflict', `This import is already ${job.status}`);
  if (job.version !== input.version) throw staleVersion('Import', job.version);
  const issues = mappingIssues(job.headers, input.mapping);
  if (issues.length) throw new AppError('validation_failed', 'The mapping is not valid', { errors: issues });

  const mapping = Object.fromEntries(
    Object.entries(input.mapping).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null),
  );
  const started = await markOrderImportStarted(ctx.db, id, input.version, {
    mapping,
    default_channel: input.defaultChannel,
    actorId: ctx.actor.id,
    now: ctx.clock.now(),
  });
  const after = await findOrderImport(ctx.db, id, orderImportViewer(ctx));
  if (!started || !after) throw staleVersion('Import', after?.version ?? job.version);
  await recordAudit(ctx, {
    action: 'order_import.start',
    entity: 'order_import',
    entityId: id,
    after: { mapping, defaultChannel: input.defaultChannel },
  });
  return presentOrderImport(after, []);
}
