import { newId } from '@weixi/db';
import type { Contact, CreateContactRequest, UpdateContactRequest } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { checkContactCustom, refreshSearch, throwIfIssues, toContactWrite } from '../customer-input';
import { assertCan, seesContactDetails } from '../customers.policy';
import { auditContact, presentContact } from '../customers.presenter';
import {
  deleteContact as deleteContactRow,
  findContact,
  findCustomer,
  insertContacts,
  listContacts as listContactRows,
  lockCustomer,
  updateContact as updateContactRow,
} from '../customers.repository';

// Contacts live inside their customer: every call first finds the customer in the actor's scope,
// so a contact of an out-of-scope customer is as invisible as the customer.

async function scopedCustomer(ctx: Ctx, customerId: string) {
  const customer = await findCustomer(ctx.db, await ctx.scope(), customerId);
  if (!customer) throw notFound('Customer');
  return customer;
}

async function writableCustomer(ctx: Ctx, customerId: string) {
  assertCan(ctx.actor, 'write');
  const customer = await scopedCustomer(ctx, customerId);
  if (customer.status === 'merged') throw new AppError('conflict', 'This customer was merged into another');
  // Contacts change the customer's search data: serialise with other writes to the customer.
  await lockCustomer(ctx.db, customerId);
  return customer;
}

export async function listContacts(ctx: Ctx, customerId: string): Promise<{ items: Contact[] }> {
  const customer = await scopedCustomer(ctx, customerId);
  const plain = seesContactDetails(ctx.actor, customer);
  return { items: (await listContactRows(ctx.db, [customerId])).map((r) => presentContact(r, plain)) };
}

export async function createContact(
  ctx: Ctx,
  customerId: string,
  input: CreateContactRequest,
): Promise<Contact> {
  const customer = await writableCustomer(ctx, customerId);
  const custom = await checkContactCustom(ctx, input, { partial: false });
  throwIfIssues(custom.issues);
  const id = newId();
  await insertContacts(
    ctx.db,
    [{ ...toContactWrite(input, custom.values), id, customer_id: customerId, name: input.name }],
    ctx.actor.id,
    ctx.clock.now(),
  );
  await refreshSearch(ctx.db, customerId);
  const row = (await findContact(ctx.db, customerId, id))!;
  await recordAudit(ctx, {
    action: 'contact.create',
    entity: 'customer',
    entityId: customerId,
    after: auditContact(presentContact(row, true)),
  });
  return presentContact(row, seesContactDetails(ctx.actor, customer));
}

export async function updateContact(
  ctx: Ctx,
  customerId: string,
  id: string,
  version: number,
  input: UpdateContactRequest,
): Promise<Contact> {
  const customer = await writableCustomer(ctx, customerId);
  const current = await findContact(ctx.db, customerId, id);
  if (!current) throw notFound('Contact');
  if (current.version !== version) throw staleVersion('Contact', current.version);
  const custom = await checkContactCustom(ctx, input, { partial: true });
  throwIfIssues(custom.issues);
  // Custom values patch per key: keys not sent — retired fields among them — keep their values.
  const write = toContactWrite(
    input,
    custom.values === undefined ? undefined : { ...current.custom, ...custom.values },
  );
  if (!(await updateContactRow(ctx.db, id, version, write, ctx.actor.id, ctx.clock.now()))) {
    throw staleVersion('Contact', version + 1);
  }
  if (input.name !== undefined || input.phone !== undefined) await refreshSearch(ctx.db, customerId);
  const row = (await findContact(ctx.db, customerId, id))!;
  await recordAudit(ctx, {
    action: 'contact.update',
    entity: 'customer',
    entityId: customerId,
    before: auditContact(presentContact(current, true)),
    after: auditContact(presentContact(row, true)),
  });
  return presentContact(row, seesContactDetails(ctx.actor, customer));
}

export async function deleteContact(
  ctx: Ctx,
  customerId: string,
  id: string,
  version: number,
): Promise<void> {
  await writableCustomer(ctx, customerId);
  const current = await findContact(ctx.db, customerId, id);
  if (!current) throw notFound('Contact');
  if (!(await deleteContactRow(ctx.db, id, version))) throw staleVersion('Contact', current.version);
  await refreshSearch(ctx.db, customerId);
  await recordAudit(ctx, {
    action: 'contact.delete',
    entity: 'customer',
    entityId: customerId,
    before: auditContact(presentContact(current, true)),
  });
}
