import type { CustomerDetail, UpdateCustomerRequest } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { ownerChanged } from '../../ownership/use-cases/owner-changed';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { checkCollaborators, checkCustomerInput, refreshSearch, throwIfIssues } from '../customer-input';
import { assertCan, can } from '../customers.policy';
import { auditCustomer, presentCustomer } from '../customers.presenter';
import {
  findCustomer,
  listContacts,
  lockCustomer,
  replaceCollaborators,
  updateCustomer as updateCustomerRow,
} from '../customers.repository';
import { duplicateError, findDuplicates } from './find-duplicates';
import { getCustomer } from './get-customer';

const searchFields = ['name', 'shortName', 'phone', 'creditCode'] as const;

export async function updateCustomer(
  ctx: Ctx,
  id: string,
  version: number,
  input: UpdateCustomerRequest,
): Promise<CustomerDetail> {
  assertCan(ctx.actor, 'write');
  const scope = await ctx.scope();
  const current = await findCustomer(ctx.db, scope, id);
  if (!current) throw notFound('Customer');
  const locked = await lockCustomer(ctx.db, id);
  if (!locked || locked.version !== version)
    throw staleVersion('Customer', locked?.version ?? current.version);
  if (current.status === 'merged')
    throw new AppError('conflict', 'This customer was merged into another and can no longer be edited');

  const { write, issues } = await checkCustomerInput(ctx, input, { partial: true, current });
  if (input.collaboratorIds) {
    if (!can(ctx.actor, 'assign') && current.owner_id !== ctx.actor.id) {
      throw new AppError('forbidden', 'Only the owner or a manager may change collaborators', {
        errors: [{ path: 'collaboratorIds', code: 'forbidden', message: 'only the owner or a manager' }],
      });
    }
    issues.push(
      ...(await checkCollaborators(ctx, input.collaboratorIds, write.owner_id ?? current.owner_id)),
    );
  }
  throwIfIssues(issues);
  // Custom values patch per key: keys not sent — retired fields among them — keep their values.
  if (write.custom !== undefined) write.custom = { ...current.custom, ...write.custom };

  const keysChanged =
    (input.name !== undefined && input.name !== current.name) ||
    (input.phone !== undefined && input.phone !== current.phone) ||
    (write.credit_code !== undefined && write.credit_code !== current.credit_code);
  if (keysChanged && !input.confirmDuplicates) {
    const contacts = await listContacts(ctx.db, [id]);
    const matches = await findDuplicates(
      ctx,
      {
        name: input.name ?? current.name,
        creditCode: write.credit_code !== undefined ? write.credit_code : current.credit_code,
        phones: [input.phone ?? current.phone, ...contacts.map((c) => c.phone)],
      },
      [id],
    );
    if (matches.length > 0) throw duplicateError(matches);
  }

  const now = ctx.clock.now();
  if (!(await updateCustomerRow(ctx.db, id, version, write, ctx.actor.id, now)))
    throw staleVersion('Customer', version + 1);
  if (searchFields.some((f) => input[f] !== undefined)) await refreshSearch(ctx.db, id);
  if (input.collaboratorIds) {
    await replaceCollaborators(
      ctx.db,
      id,
      input.collaboratorIds.filter((u) => u !== (write.owner_id ?? current.owner_id)),
      ctx.actor.id,
    );
  }

  const before = auditCustomer(presentCustomer(current, true));
  const updated = await getCustomer(ctx, id, { plain: true, unscoped: true });
  const { contacts: _c, ...after } = updated;
  await recordAudit(ctx, {
    action:
      write.owner_id !== undefined && write.owner_id !== current.owner_id
        ? 'customer.update+owner'
        : 'customer.update',
    entity: 'customer',
    entityId: id,
    before,
    after: auditCustomer(after),
  });
  if (write.owner_id !== undefined && write.owner_id !== current.owner_id) {
    await ownerChanged(ctx, {
      customerId: id,
      customerName: updated.name,
      fromId: current.owner_id,
      toId: write.owner_id,
      kind: 'transfer',
    });
  }
  return getCustomer(ctx, id, { unscoped: true });
}
