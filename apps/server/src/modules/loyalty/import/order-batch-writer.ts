import { createHash } from 'node:crypto';
import { newId } from '@weixi/db';
import { normalizeCreditCode, normalizeName } from '@weixi/domain';
import type { Ctx } from '../../../http/context';
import type { ImportLocale } from '../../customers/import/messages';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { orderScope } from '../loyalty.policy';
import type { NewOrder } from '../loyalty.repository';
import {
  addOrderImportProgress,
  type CustomerCandidate,
  customerCandidates,
  existingExternalRefs,
  insertImportedOrders,
  insertOrderRejections,
  type OrderBatchCounts,
  type OrderRejectionWrite,
  type ProductCandidate,
  productCandidates,
} from '../order-import.repository';
import { orderImportMessage } from './order-import-messages';
import type { OrderRowValues, ParsedOrderRow, RowIssue } from './order-row';

/** What the job remembers across batches. */
export interface OrderImportMemory {
  /** External reference → the row that first carried it in this file. */
  refs: Map<string, number>;
  /** How often each fingerprint occurred so far (rows without a reference). */
  fingerprints: Map<string, number>;
}

export function newOrderImportMemory(): OrderImportMemory {
  return { refs: new Map(), fingerprints: new Map() };
}

export interface OrderBatchJob {
  id: string;
  locale: ImportLocale;
  header: (key: string) => string | null;
}

type Resolved = { row: ParsedOrderRow & { ok: true }; customerId: string; productId: string; ref: string };

/**
 * A row without an ERP reference gets one made from what it says: customer, date, product,
 * quantity, amount, and which occurrence of that combination in the file it is. Importing the
 * same file again makes the same references, so it adds nothing; two identical lines in one file
 * stay two orders. (Two files each holding one identical line are taken as the same line.)
 */
function fingerprint(
  mem: OrderImportMemory,
  customerId: string,
  productId: string,
  v: OrderRowValues,
): string {
  const key = `${customerId}|${v.orderedOn}|${productId}|${v.quantity}|${v.amountFen}`;
  const n = (mem.fingerprints.get(key) ?? 0) + 1;
  mem.fingerprints.set(key, n);
  return `fp:${createHash('sha256').update(`${key}#${n}`).digest('hex').slice(0, 32)}`;
}

function resolveCustomer(
  v: OrderRowValues,
  byCode: Map<string, CustomerCandidate[]>,
  byName: Map<string, CustomerCandidate[]>,
  locale: ImportLocale,
  header: (key: string) => string | null,
): { id: string } | RowIssue {
  const code = v.creditCode ? normalizeCreditCode(v.creditCode) : '';
  // By credit code first: names change and repeat, codes do not. A code the archive does not know
  // falls back to the name, since many archives lack codes.
  const codeMatches = code ? (byCode.get(code) ?? []) : [];
  const matches = codeMatches.length
    ? codeMatches
    : v.customerName
      ? (byName.get(normalizeName(v.customerName)) ?? [])
      : [];
  const value = codeMatches.length || !v.customerName ? v.creditCode : v.customerName;
  const column = codeMatches.length || !v.customerName ? header('creditCode') : header('customerName');
  const msg = (c: string, p: Record<string, string | number>) => orderImportMessage(locale, c, p);
  if (matches.length === 0) {
    const shown = [v.customerName, v.creditCode].filter(Boolean).join(' / ');
    return { column, code: 'customer_not_found', message: msg('customer_not_found', { value: shown }) };
  }
  if (matches.length > 1)
    return {
      column,
      code: 'customer_ambiguous',
      message: msg('customer_ambiguous', {
        value,
        count: matches.length,
        names: matches
          .slice(0, 3)
          .map((m) => m.name)
          .join('、'),
      }),
    };
  const c = matches[0]!;
  if (!c.visible)
    return {
      column,
      code: 'customer_out_of_scope',
      message: msg('customer_out_of_scope', {
        value,
        owner: c.owner_name ?? orderImportMessage(locale, 'nobody'),
      }),
    };
  return { id: c.id };
}

function resolveProduct(
  v: OrderRowValues,
  byCode: Map<string, ProductCandidate>,
  byName: Map<string, ProductCandidate[]>,
  locale: ImportLocale,
  header: (key: string) => string | null,
): { id: string } | RowIssue {
  const coded = v.productCode ? byCode.get(v.productCode.toLowerCase()) : undefined;
  if (coded) return { id: coded.id };
  const named = v.productName ? (byName.get(v.productName.toLowerCase()) ?? []) : [];
  if (named.length === 1) return { id: named[0]!.id };
  const msg = (c: string, p: Record<string, string | number>) => orderImportMessage(locale, c, p);
  if (named.length > 1)
    return {
      column: header('productName'),
      code: 'product_ambiguous',
      message: msg('product_ambiguous', { value: v.productName, count: named.length }),
    };
  return {
    column: v.productCode ? header('productCode') : header('productName'),
    code: 'product_not_found',
    message: msg('product_not_found', { value: [v.productCode, v.productName].filter(Boolean).join(' / ') }),
  };
}

/**
 * One batch in one transaction: looks up the batch's customers and products in two queries,
 * skips rows whose reference was imported before ("already imported"), inserts the rest, and
 * writes the rejections, the progress and one audit entry, so counts and rows commit together.
 */
export async function writeOrderBatch(
  ctx: Ctx,
  job: OrderBatchJob,
  mem: OrderImportMemory,
  rows: ParsedOrderRow[],
): Promise<OrderBatchCounts> {
  const now = ctx.clock.now();
  const valid = rows.filter((r): r is ParsedOrderRow & { ok: true } => r.ok);
  const codes = new Set<string>();
  const nameKeys = new Set<string>();
  const productCodes = new Set<string>();
  const productNames = new Set<string>();
  for (const { values: v } of valid) {
    if (v.creditCode) codes.add(normalizeCreditCode(v.creditCode));
    if (v.customerName) nameKeys.add(normalizeName(v.customerName));
    if (v.productCode) productCodes.add(v.productCode.toLowerCase());
    if (v.productName) productNames.add(v.productName.toLowerCase());
  }
  const [customers, products] = await Promise.all([
    customerCandidates(ctx.db, await orderScope(ctx), { creditCodes: [...codes], nameKeys: [...nameKeys] }),
    productCandidates(ctx.db, { codes: [...productCodes], names: [...productNames] }),
  ]);
  const byCode = new Map<string, CustomerCandidate[]>();
  const byName = new Map<string, CustomerCandidate[]>();
  for (const c of customers) {
    if (c.credit_code) byCode.set(c.credit_code, [...(byCode.get(c.credit_code) ?? []), c]);
    byName.set(c.name_key, [...(byName.get(c.name_key) ?? []), c]);
  }
  const productByCode = new Map(products.map((p) => [p.code.toLowerCase(), p]));
  const productByName = new Map<string, ProductCandidate[]>();
  for (const p of products) {
    const k = p.name.toLowerCase();
    productByName.set(k, [...(productByName.get(k) ?? []), p]);
  }

  const rejected = new Map<number, { raw: string[]; issues: RowIssue[] }>();
  const resolved: Resolved[] = [];
  for (const row of rows) {
    if (!row.ok) {
      rejected.set(row.number, { raw: row.raw, issues: row.issues });
      continue;
    }
    const v = row.values;
    const issues: RowIssue[] = [];
    const customer = resolveCustomer(v, byCode, byName, job.locale, job.header);
    const product = resolveProduct(v, productByCode, productByName, job.locale, job.header);
    if (!('id' in customer)) issues.push(customer);
    if (!('id' in product)) issues.push(product);
    if (v.ref) {
      const earlier = mem.refs.get(v.ref);
      if (earlier !== undefined)
        issues.push({
          column: job.header('externalRef'),
          code: 'ref_in_file',
          message: orderImportMessage(job.locale, 'ref_in_file', { value: v.ref, row: earlier }),
        });
    }
    if (issues.length || !('id' in customer) || !('id' in product)) {
      rejected.set(row.number, { raw: row.raw, issues });
      continue;
    }
    let ref = v.ref;
    if (ref) mem.refs.set(ref, row.number);
    else ref = fingerprint(mem, customer.id, product.id, v);
    resolved.push({ row, customerId: customer.id, productId: product.id, ref });
  }

  const existing = await existingExternalRefs(
    ctx.db,
    resolved.map((r) => r.ref),
  );
  const fresh: NewOrder[] = resolved
    .filter((r) => !existing.has(r.ref))
    .map(({ row: { values: v }, customerId, productId, ref }) => ({
      id: newId(),
      customer_id: customerId,
      product_id: productId,
      ordered_on: v.orderedOn,
      quantity: v.quantity,
      amount_fen: v.amountFen,
      channel: v.channel,
      external_ref: ref,
      notes: v.notes,
    }));
  const created = await insertImportedOrders(ctx.db, fresh, ctx.actor.id, now);

  const rejections: OrderRejectionWrite[] = [];
  for (const [rowNumber, r] of rejected) {
    r.issues.forEach((issue, seq) => {
      rejections.push({
        row_number: rowNumber,
        seq,
        column_name: issue.column,
        code: issue.code,
        message: issue.message,
        raw: seq === 0 ? r.raw : [],
      });
    });
  }
  await insertOrderRejections(ctx.db, job.id, rejections);
  const counts: OrderBatchCounts = {
    processed: rows.length,
    created: created.length,
    // Known before the insert, or committed by a concurrent import meanwhile.
    alreadyImported: resolved.length - created.length,
    rejected: rejected.size,
  };
  await addOrderImportProgress(ctx.db, job.id, counts, now);
  await recordAudit(ctx, {
    action: 'order.import_batch',
    entity: 'order_import',
    entityId: job.id,
    after: {
      rows: { from: rows[0]?.number ?? null, to: rows.at(-1)?.number ?? null },
      created,
      alreadyImported: counts.alreadyImported,
      rejectedRows: [...rejected.keys()],
    },
  });
  return counts;
}
