import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../customers.policy';
import { getCustomer } from './get-customer';

/** Shows a customer's and its contacts' phone numbers and e-mail; every call is in the audit log. */
export async function unmaskCustomer(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'unmask');
  const c = await getCustomer(ctx, id, { plain: true });
  await recordAudit(ctx, { action: 'customer.unmask', entity: 'customer', entityId: id });
  return {
    phone: c.phone,
    email: c.email,
    wechat: c.wechat,
    contacts: c.contacts.map((k) => ({ id: k.id, phone: k.phone, email: k.email, wechat: k.wechat })),
  };
}
