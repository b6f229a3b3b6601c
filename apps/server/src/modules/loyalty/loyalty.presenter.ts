import { orderImportFields } from '@weixi/domain';
import type {
  ImportRejection,
  Order,
  OrderImportFieldKey,
  OrderImportJob,
  OrderImportUploadResponse,
  Product,
  ProductCategory,
} from '@weixi/shared';
import type { CategoryRow, OrderView, ProductRow } from './loyalty.repository';
import type { OrderImportRow } from './order-import.repository';

const iso = (d: Date | string): string => new Date(d).toISOString();

export function presentCategory(row: CategoryRow): ProductCategory {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    productCount: row.product_count,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

export function presentProduct(row: ProductRow): Product {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    category: { id: row.category_id, name: row.category_name },
    unit: row.unit,
    // bigint arrives as text; catalog prices are far below 2^53 fen (checked on write).
    listPriceFen: row.list_price_fen === null ? null : Number(row.list_price_fen),
    active: row.active,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** Only these fields of an order leave the server. Orders carry no phone numbers to mask. */
export function presentOrder(row: OrderView): Order {
  return {
    id: row.id,
    customer: { id: row.customer_id, name: row.customer_name },
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    orderedOn: row.ordered_on,
    product: { id: row.product_id, code: row.product_code, name: row.product_name, unit: row.product_unit },
    category: { id: row.category_id, name: row.category_name },
    quantity: Number(row.quantity),
    amountFen: Number(row.amount_fen),
    channel: row.channel as Order['channel'],
    externalRef: row.external_ref,
    notes: row.notes,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** What the audit log keeps of an order: the facts, with names so the timeline reads without joins. */
export function auditOrder(o: Order): Record<string, unknown> {
  return {
    id: o.id,
    customerId: o.customer.id,
    customerName: o.customer.name,
    orderedOn: o.orderedOn,
    productId: o.product.id,
    productCode: o.product.code,
    productName: o.product.name,
    quantity: o.quantity,
    amountFen: o.amountFen,
    channel: o.channel,
    externalRef: o.externalRef,
    notes: o.notes,
  };
}

export function auditProduct(p: Product): Record<string, unknown> {
  const { createdAt: _a, updatedAt: _b, ...rest } = p;
  return rest;
}

export function auditCategory(c: ProductCategory): Record<string, unknown> {
  const { createdAt: _a, updatedAt: _b, productCount: _c, ...rest } = c;
  return rest;
}

const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));

/** Only these fields of an import job leave the server; the stored file path stays inside. */
export function presentOrderImport(row: OrderImportRow, rejections: ImportRejection[]): OrderImportJob {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as OrderImportJob['format'],
    encoding: row.encoding as OrderImportJob['encoding'],
    status: row.status as OrderImportJob['status'],
    defaultChannel: row.default_channel as OrderImportJob['defaultChannel'],
    totalRows: row.total_rows,
    processed: row.processed,
    created: row.created,
    alreadyImported: row.already_imported,
    rejected: row.rejected,
    error: row.error,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    headers: row.headers,
    mapping: row.mapping,
    rejections,
    version: row.version,
  };
}

/** The fields a column can be mapped to, with the ones that must be (or, in pairs, one of them). */
export function presentOrderImportFields(): OrderImportUploadResponse['fields'] {
  const required = new Set(['orderedOn', 'quantity', 'amount']);
  return orderImportFields.map((f) => ({
    key: f.key as OrderImportFieldKey,
    labelZh: f.labelZh,
    labelEn: f.labelEn,
    required: required.has(f.key),
  }));
}
