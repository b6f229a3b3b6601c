import type { CustomerDetail } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { seesContactDetails } from '../customers.policy';
import { presentContact, presentCustomer } from '../customers.presenter';
import { findCustomer, listContacts } from '../customers.repository';

/**
 * One customer with its contacts, if inside the actor's scope; out of scope is a 404 like a
 * missing id, so nobody learns which ids exist. `plain` forces unmasked values (internal use:
 * audit entries and the actor's own writes).
 */
export async function getCustomer(
  ctx: Ctx,
  id: string,
  opts: { plain?: boolean; unscoped?: boolean } = {},
): Promise<CustomerDetail> {
  // `unscoped` is for answering a write the actor was allowed to make, which may have moved the
  // customer out of their scope (a manager releasing it from its owner).
  const row = await findCustomer(ctx.db, opts.unscoped ? { kind: 'all' } : await ctx.scope(), id);
  if (!row) throw notFound('Customer');
  const plain = opts.plain ?? seesContactDetails(ctx.actor, row);
  const contacts = await listContacts(ctx.db, [id]);
  return { ...presentCustomer(row, plain), contacts: contacts.map((c) => presentContact(c, plain)) };
}
