import { newId } from '@weixi/db';
import type { CreateCustomerRequest, CustomerDetail } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { ownerChanged } from '../../ownership/use-cases/owner-changed';
import { recordAudit } from '../../platform/use-cases/record-audit';
import {
  checkCollaborators,
  checkContactCustom,
  checkCustomerInput,
  customFieldRules,
  searchDataFor,
  throwIfIssues,
  toContactWrite,
} from '../customer-input';
import { assertCan } from '../customers.policy';
import { auditCustomer } from '../customers.presenter';
import { insertContacts, insertCustomers, replaceCollaborators } from '../customers.repository';
import { duplicateError, findDuplicates } from './find-duplicates';
import { getCustomer } from './get-customer';

export async function createCustomer(ctx: Ctx, input: CreateCustomerRequest): Promise<CustomerDetail> {
  assertCan(ctx.actor, 'write');
  // An account manager's new customer is theirs unless a manager assigns it elsewhere.
  const ownerId =
    input.ownerId !== undefined
      ? input.ownerId
      : ctx.actor.role === 'admin' || ctx.actor.role === 'executive'
        ? null
        : ctx.actor.id;
  const { write, issues } = await checkCustomerInput(ctx, { ...input, ownerId }, { partial: false });
  if (input.collaboratorIds) issues.push(...(await checkCollaborators(ctx, input.collaboratorIds, ownerId)));
  const contacts = input.contacts ?? [];
  const contactRules = contacts.length > 0 ? await customFieldRules(ctx.db, 'contact') : [];
  const contactCustom: (Record<string, unknown> | undefined)[] = [];
  for (const [i, c] of contacts.entries()) {
    const checked = await checkContactCustom(ctx, c, {
      partial: false,
      prefix: `contacts.${i}`,
      rules: contactRules,
    });
    issues.push(...checked.issues);
    contactCustom.push(checked.values);
  }
  throwIfIssues(issues);

  // Checked even when confirmed, so the audit entry says which duplicates the user accepted.
  const matches = await findDuplicates(ctx, {
    name: input.name,
    creditCode: write.credit_code ?? null,
    phones: [input.phone, ...contacts.map((c) => c.phone)],
  });
  if (matches.length > 0 && !input.confirmDuplicates) throw duplicateError(matches);

  const id = newId();
  const now = ctx.clock.now();
  const base = {
    name: input.name,
    short_name: write.short_name ?? '',
    phone: write.phone ?? '',
    credit_code: write.credit_code ?? null,
  };
  await insertCustomers(
    ctx.db,
    [
      {
        ...write,
        id,
        name: input.name,
        ...searchDataFor(
          base,
          contacts.map((c) => ({ name: c.name, phone: c.phone ?? '' })),
        ),
      },
    ],
    ctx.actor.id,
    now,
  );
  await insertContacts(
    ctx.db,
    contacts.map((c, i) => ({
      ...toContactWrite(c, contactCustom[i]),
      id: newId(),
      customer_id: id,
      name: c.name,
    })),
    ctx.actor.id,
    now,
  );
  if (input.collaboratorIds?.length)
    await replaceCollaborators(
      ctx.db,
      id,
      input.collaboratorIds.filter((u) => u !== ownerId),
      ctx.actor.id,
    );

  const created = await getCustomer(ctx, id, { plain: true });
  const { contacts: createdContacts, ...customer } = created;
  await recordAudit(ctx, {
    action: matches.length > 0 ? 'customer.create_confirmed_duplicate' : 'customer.create',
    entity: 'customer',
    entityId: id,
    after: {
      ...auditCustomer(customer),
      contacts: createdContacts.map((c) => c.name),
      ...(matches.length > 0 ? { confirmedDuplicates: matches.map((m) => m.customer.id) } : {}),
    },
  });
  // Ownership history starts here; an owner other than the creator hears of their new customer.
  if (ownerId)
    await ownerChanged(ctx, {
      customerId: id,
      customerName: input.name,
      fromId: null,
      toId: ownerId,
      kind: 'create',
    });
  return created;
}
