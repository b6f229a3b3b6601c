import type { FieldIssue, ImportJob, StartImportRequest } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { departmentSubtreeIds } from '../../identity/identity.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentImportJob } from '../customer-import.presenter';
import { findImport, markStarted } from '../customer-import.repository';
import { assertCan, can } from '../customers.policy';
import { activeUsers, listCustomFields } from '../customers.repository';

/** Only the uploader (or an administrator) may see or start an import; anyone else gets 404. */
export function importViewer(ctx: Ctx) {
  return { userId: ctx.actor.id, anyone: ctx.actor.role === 'admin' };
}

async function mappingIssues(ctx: Ctx, headers: string[], mapping: StartImportRequest['mapping']) {
  const issues: FieldIssue[] = [];
  const custom = await listCustomFields(ctx.db, 'customer', true);
  const contactCustom = await listCustomFields(ctx.db, 'contact', true);
  const customKeys = new Set([
    ...custom.map((c) => `custom.${c.key}`),
    ...contactCustom.map((c) => `contactCustom.${c.key}`),
  ]);
  const used = new Map<string, string>();
  for (const [col, key] of Object.entries(mapping)) {
    if (key === null) continue;
    const path = `mapping.${col}`;
    const index = Number(col);
    if (index >= headers.length || !headers[index])
      issues.push({ path, code: 'unknown_column', message: 'the file has no named column with this index' });
    else if ((key.startsWith('custom.') || key.startsWith('contactCustom.')) && !customKeys.has(key))
      issues.push({ path, code: 'unknown_field', message: 'no active custom field with this key' });
    else if (used.has(key))
      issues.push({
        path,
        code: 'mapped_twice',
        message: `${key} is already mapped to column ${used.get(key)}`,
      });
    else used.set(key, col);
  }
  if (!used.has('name'))
    issues.push({
      path: 'mapping',
      code: 'name_required',
      message: 'map a column to the customer name (name)',
    });
  for (const c of custom.filter((d) => d.required && !used.has(`custom.${d.key}`)))
    issues.push({
      path: 'mapping',
      code: 'required_field_unmapped',
      message: `map a column to custom.${c.key}`,
    });
  const contactColumns = [...used.keys()].filter((k) => k.startsWith('contactCustom.'));
  if (contactColumns.length > 0 && !used.has('contactName'))
    issues.push({
      path: 'mapping',
      code: 'contact_name_unmapped',
      message: `map a column to the contact name (contactName) for ${contactColumns.join(', ')}`,
    });
  // Rows with a contact create one: its required custom fields need a column, as on the form.
  if (used.has('contactName'))
    for (const c of contactCustom.filter((d) => d.required && !used.has(`contactCustom.${d.key}`)))
      issues.push({
        path: 'mapping',
        code: 'required_field_unmapped',
        message: `map a column to contactCustom.${c.key} (required of contacts)`,
      });
  if (used.has('region') && ['province', 'city', 'district'].some((k) => used.has(k)))
    issues.push({
      path: 'mapping',
      code: 'region_twice',
      message: 'map either the combined region column or province / city / district, not both',
    });
  return issues;
}

/** Who a job's rows belong to when their 客户经理 cell is empty; checked like an owner on create. */
async function defaultOwnerIssues(ctx: Ctx, ownerId: string | null | undefined): Promise<FieldIssue[]> {
  if (!ownerId || ownerId === ctx.actor.id) return [];
  if (!can(ctx.actor, 'assign')) {
    throw new AppError('forbidden', 'Only managers may give imported customers to another owner', {
      errors: [{ path: 'defaultOwnerId', code: 'forbidden', message: 'only managers may assign owners' }],
    });
  }
  const [owner] = await activeUsers(ctx.db, [ownerId]);
  if (!owner) return [{ path: 'defaultOwnerId', code: 'not_found', message: 'no active user with this id' }];
  if (ctx.actor.dataScope === 'department') {
    const subtree = ctx.actor.departmentId ? await departmentSubtreeIds(ctx.db, ctx.actor.departmentId) : [];
    if (!owner.department_id || !subtree.includes(owner.department_id))
      return [
        { path: 'defaultOwnerId', code: 'out_of_scope', message: 'the owner must be in your department' },
      ];
  }
  return [];
}

/** Checks the mapping and moves the job to running; the route then runs it after answering 202. */
export async function startImport(ctx: Ctx, id: string, input: StartImportRequest): Promise<ImportJob> {
  assertCan(ctx.actor, 'import');
  const job = await findImport(ctx.db, id, importViewer(ctx));
  if (!job) throw notFound('Import');
  if (job.status !== 'uploaded') throw new AppError('conflict', `This import is already ${job.status}`);
  if (job.version !== input.version) throw staleVersion('Import', job.version);

  const issues = [
    ...(await mappingIssues(ctx, job.headers, input.mapping)),
    ...(await defaultOwnerIssues(ctx, input.defaultOwnerId)),
  ];
  if (issues.length)
    throw new AppError('validation_failed', 'The mapping or options are not valid', { errors: issues });

  const mapping = Object.fromEntries(Object.entries(input.mapping).filter(([, v]) => v !== null));
  const started = await markStarted(ctx.db, id, input.version, {
    mapping,
    duplicate_policy: input.duplicatePolicy,
    default_owner_id: input.defaultOwnerId ?? null,
    default_owner_set: input.defaultOwnerId !== undefined,
    actorId: ctx.actor.id,
    now: ctx.clock.now(),
  });
  const after = await findImport(ctx.db, id, importViewer(ctx));
  if (!started || !after) throw staleVersion('Import', after?.version ?? job.version);
  await recordAudit(ctx, {
    action: 'customer_import.start',
    entity: 'customer_import',
    entityId: id,
    after: { mapping, duplicatePolicy: input.duplicatePolicy, defaultOwnerId: input.defaultOwnerId ?? null },
  });
  return presentImportJob(after, []);
}
