import type { AuditEntry } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentAuditEntry } from '../../platform/audit.presenter';
import { listAudit } from '../../platform/audit.repository';
import { maskEmail, maskPhone } from '../customers.presenter';
import { findCustomer } from '../customers.repository';
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

/** The survivor a `customer.merged_into` entry points at, as the history shows it. */
export interface MergedIntoRef {
  id: string;
  /** Null when the survivor is outside the reader's scope: its name is not theirs to read. */
  name: string | null;
}

const survivorOf = (after: Record<string, unknown> | null): string | null =>
  typeof after?.mergedIntoId === 'string' ? after.mergedIntoId : null;

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
  // "Merged into" entries record only the survivor's id: its current name is looked up in the
  // reader's scope, so the history shows a name (and the page a link) only to those who may read it.
  const scope = await ctx.scope();
  const survivors = new Map<string, MergedIntoRef>();
  for (const row of rows) {
    const id = row.action === 'customer.merged_into' ? survivorOf(row.after) : null;
    if (id === null || survivors.has(id)) continue;
    survivors.set(id, { id, name: (await findCustomer(ctx.db, scope, id))?.name ?? null });
  }
  const present = (row: Parameters<typeof presentAuditEntry>[0]): AuditEntry => {
    const e = presentAuditEntry(row);
    const survivor =
      row.action === 'customer.merged_into' ? survivors.get(survivorOf(e.after) ?? '') : undefined;
    const after = survivor ? { ...e.after, mergedInto: survivor } : e.after;
    return customer.masked
      ? {
          ...e,
          before: maskContactDetails(e.before) as AuditEntry['before'],
          after: maskContactDetails(after) as AuditEntry['after'],
        }
      : { ...e, after };
  };
  return pageOf(rows, input.limit, total, present, (r) => [r.id]);
}
