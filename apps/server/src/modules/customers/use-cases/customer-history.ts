import type { AuditEntry } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentAuditEntry } from '../../platform/audit.presenter';
import { listAudit } from '../../platform/audit.repository';
import { maskEmail, maskPhone } from '../customers.presenter';
import { getCustomer } from './get-customer';

type Json = unknown;

/**
 * Audit entries keep plain values (decision 007: only administrators read the audit log), but the
 * history tab is read by everyone who may read the customer. Whoever sees the customer's numbers
 * masked sees them masked here too, however deep the snapshot nests them (merges, contacts).
 */
export function maskContactDetails(value: Json): Json {
  if (Array.isArray(value)) return value.map(maskContactDetails);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && key === 'phone') out[key] = maskPhone(v);
    else if (typeof v === 'string' && key === 'email') out[key] = maskEmail(v);
    else if (typeof v === 'string' && key === 'wechat') out[key] = v ? '***' : '';
    else out[key] = maskContactDetails(v);
  }
  return out;
}

/**
 * The customer's history so far: every audited change to it and its contacts, newest first.
 * Readable by anyone who may read the customer (issue 5 grows this into the full timeline).
 */
export async function customerHistory(
  ctx: Ctx,
  id: string,
  input: { limit: number; cursor?: string | undefined },
) {
  const customer = await getCustomer(ctx, id);
  const after = readCursor(input.cursor, 1);
  const { rows, total } = await listAudit(
    ctx.db,
    { entity: 'customer', entityId: id },
    input.limit,
    after?.id ?? null,
  );
  const present = customer.masked
    ? (row: Parameters<typeof presentAuditEntry>[0]): AuditEntry => {
        const e = presentAuditEntry(row);
        return {
          ...e,
          before: maskContactDetails(e.before) as AuditEntry['before'],
          after: maskContactDetails(e.after) as AuditEntry['after'],
        };
      }
    : presentAuditEntry;
  return pageOf(rows, input.limit, total, present, (r) => [r.id]);
}
