import { z } from 'zod';
import { uuidSchema, versionSchema } from './common';
import {
  importEncodings,
  importFormats,
  importLimits,
  importRejectionSchema,
  importStatuses,
} from './customer-import';
import { isoDateSchema } from './customers';
import { pageQuerySchema, pageSchema } from './pagination';

// Orders (订单, one row per purchase line) and the product catalog (产品目录): the loyalty module.

export const orderChannels = ['direct', 'distributor', 'online', 'phone', 'other'] as const;
export type OrderChannel = (typeof orderChannels)[number];

export const orderLimits = {
  codeMax: 40,
  nameMax: 100,
  unitMax: 20,
  categoryNameMax: 50,
  externalRefMax: 100,
  notesMax: 2000,
  /** Just under 1 trillion yuan: matches packages/domain maxAmountFen. */
  amountFenMax: 99_999_999_999_999,
  quantityMax: 99_999_999_999.999,
  /** Days after today (business time zone) an order date may lie; 0 = not after today. */
  futureToleranceDays: 0,
} as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const required = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const userRef = z.object({ id: uuidSchema, name: z.string() });

/** Money in integer fen (分): 1 yuan = 100. Never a float. */
export const fenSchema = z
  .number()
  .int('must be a whole number of fen (分)')
  .min(0, 'must not be negative')
  .max(orderLimits.amountFenMax, 'is too large');

const quantitySchema = z
  .number()
  .positive('must be greater than 0')
  .max(orderLimits.quantityMax, 'is too large')
  .refine((q) => Math.abs(Math.round(q * 1000) - q * 1000) < 1e-6, 'at most 3 decimals');

// ---------- product categories ----------

export const productCategorySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  productCount: z.number().int().describe('Products in the category, inactive ones included'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type ProductCategory = z.infer<typeof productCategorySchema>;
export const productCategoryListSchema = z.object({ items: z.array(productCategorySchema) });

const categoryFields = {
  name: required(orderLimits.categoryNameMax),
  position: z.number().int().min(0).max(10_000),
  active: z.boolean(),
};
export const createProductCategoryRequestSchema = z
  .strictObject(categoryFields)
  .partial()
  .required({ name: true });
export type CreateProductCategoryRequest = z.infer<typeof createProductCategoryRequestSchema>;
export const updateProductCategoryRequestSchema = z
  .strictObject(categoryFields)
  .partial()
  .extend({ version: versionSchema.optional() });
export type UpdateProductCategoryRequest = z.infer<typeof updateProductCategoryRequestSchema>;
export const listProductCategoriesQuerySchema = z.object({
  active: z.enum(['true', 'false']).optional().describe('Only active (or only inactive) categories'),
});

// ---------- products ----------

export const productSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  category: z.object({ id: uuidSchema, name: z.string() }),
  unit: z.string(),
  listPriceFen: z.number().int().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Product = z.infer<typeof productSchema>;

const productFields = {
  code: required(orderLimits.codeMax).regex(/^\S+$/, 'no spaces'),
  name: required(orderLimits.nameMax),
  categoryId: uuidSchema,
  unit: text(orderLimits.unitMax),
  listPriceFen: fenSchema.nullable(),
  active: z.boolean(),
};
export const createProductRequestSchema = z
  .strictObject(productFields)
  .partial()
  .required({ code: true, name: true, categoryId: true });
export type CreateProductRequest = z.infer<typeof createProductRequestSchema>;
export const updateProductRequestSchema = z
  .strictObject(productFields)
  .partial()
  .extend({ version: versionSchema.optional() });
export type UpdateProductRequest = z.infer<typeof updateProductRequestSchema>;

export const listProductsQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional().describe('Part of the code or the name'),
  categoryId: uuidSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ListProductsQuery = z.infer<typeof listProductsQuerySchema>;
export const productPageSchema = pageSchema(productSchema);

// ---------- orders ----------

export const orderSchema = z.object({
  id: uuidSchema,
  customer: z.object({ id: uuidSchema, name: z.string() }),
  owner: userRef.nullable().describe("The customer's current owner (客户经理)"),
  orderedOn: z.string().describe('YYYY-MM-DD'),
  product: z.object({ id: uuidSchema, code: z.string(), name: z.string(), unit: z.string() }),
  category: z.object({ id: uuidSchema, name: z.string() }),
  quantity: z.number(),
  amountFen: z.number().int().describe('Amount in fen (分); ¥1,234.50 is 123450'),
  channel: z.enum(orderChannels),
  externalRef: z.string().nullable().describe("The ERP's line id; unique"),
  notes: z.string(),
  createdBy: userRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Order = z.infer<typeof orderSchema>;

const orderFields = {
  customerId: uuidSchema,
  orderedOn: isoDateSchema.describe('YYYY-MM-DD, not after today in the business time zone'),
  productId: uuidSchema,
  quantity: quantitySchema,
  amountFen: fenSchema,
  channel: z.enum(orderChannels),
  externalRef: text(orderLimits.externalRefMax)
    .nullable()
    .transform((s) => (s === '' ? null : s)),
  notes: text(orderLimits.notesMax),
};
export const createOrderRequestSchema = z
  .strictObject(orderFields)
  .partial()
  .required({ customerId: true, orderedOn: true, productId: true, quantity: true, amountFen: true });
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;
export const updateOrderRequestSchema = z
  .strictObject(orderFields)
  .partial()
  .extend({ version: versionSchema.optional() });
export type UpdateOrderRequest = z.infer<typeof updateOrderRequestSchema>;

export const orderSorts = ['-orderedOn', 'orderedOn', '-amount', 'amount'] as const;
export type OrderSort = (typeof orderSorts)[number];

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const listOrdersQuerySchema = pageQuerySchema.extend({
  customerId: uuidSchema.optional(),
  productId: uuidSchema.optional(),
  categoryId: uuidSchema.optional(),
  channel: csv(orderChannels).optional().describe('Comma-separated, e.g. direct,online'),
  from: isoDateSchema.optional().describe('Ordered on or after'),
  to: isoDateSchema.optional().describe('Ordered on or before'),
  ownerId: z
    .union([uuidSchema, z.literal('me')])
    .optional()
    .describe("The customer's owner"),
  sort: z.enum(orderSorts).default('-orderedOn'),
  totals: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: also count and sum every matching order (costs a scan of the matches)'),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;

export const orderTotalsSchema = z.object({
  count: z.number().int(),
  amountFen: z.number().int(),
});
export const orderPageSchema = pageSchema(orderSchema).extend({
  totals: orderTotalsSchema.nullable().describe('Count and sum of all matching orders, when asked for'),
  totalCapped: z.boolean().describe('Without totals, `total` stops counting at 10,000'),
});

export const customerOrdersQuerySchema = pageQuerySchema.extend({
  sort: z.enum(orderSorts).default('-orderedOn'),
});
export const customerOrderTotalsSchema = z.object({
  count: z.number().int(),
  amountFen: z.number().int(),
  firstOrderedOn: z.string().nullable(),
  lastOrderedOn: z.string().nullable(),
  last12Months: orderTotalsSchema.describe('Orders dated in the last 12 months up to today'),
});
export type CustomerOrderTotals = z.infer<typeof customerOrderTotalsSchema>;
export const customerOrderPageSchema = pageSchema(orderSchema).extend({
  totals: customerOrderTotalsSchema,
});

// ---------- order imports ----------

export const orderImportFieldKeys = [
  'orderedOn',
  'customerName',
  'creditCode',
  'productCode',
  'productName',
  'quantity',
  'amount',
  'channel',
  'externalRef',
  'lineNo',
  'notes',
] as const;
export type OrderImportFieldKey = (typeof orderImportFieldKeys)[number];

export const orderImportFieldSchema = z.object({
  key: z.enum(orderImportFieldKeys),
  labelZh: z.string(),
  labelEn: z.string(),
  required: z.boolean().describe('Must be mapped (customer and product need one of their two columns)'),
});

export const orderImportUploadResponseSchema = z.object({
  id: uuidSchema,
  fileName: z.string(),
  format: z.enum(importFormats),
  encoding: z.enum(importEncodings).nullable(),
  headers: z.array(z.string()),
  preview: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.enum(orderImportFieldKeys).nullable()),
  fields: z.array(orderImportFieldSchema),
  totalRows: z.number().int().nullable(),
  version: versionSchema,
});
export type OrderImportUploadResponse = z.infer<typeof orderImportUploadResponseSchema>;

export const startOrderImportRequestSchema = z.strictObject({
  mapping: z
    .record(z.string().regex(/^\d{1,4}$/, 'column index'), z.enum(orderImportFieldKeys).nullable())
    .describe(
      'Column index → field key. Needs orderedOn, quantity, amount, a customer column (creditCode or customerName) and a product column (productCode or productName)',
    ),
  defaultChannel: z.enum(orderChannels).default('direct').describe('Channel of rows without a channel cell'),
  version: versionSchema,
});
export type StartOrderImportRequest = z.infer<typeof startOrderImportRequestSchema>;

export const orderImportJobSchema = z.object({
  id: uuidSchema,
  fileName: z.string(),
  format: z.enum(importFormats),
  encoding: z.enum(importEncodings).nullable(),
  status: z.enum(importStatuses),
  defaultChannel: z.enum(orderChannels).nullable(),
  totalRows: z.number().int().nullable(),
  processed: z.number().int(),
  created: z.number().int(),
  alreadyImported: z.number().int().describe('Rows whose external reference was imported before: skipped'),
  rejected: z.number().int(),
  error: z.string().nullable(),
  createdBy: userRef.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()).nullable(),
  rejections: z
    .array(importRejectionSchema)
    .describe(`The first ${importLimits.rejectionsShown}; rejections.csv has all`),
  version: versionSchema,
});
export type OrderImportJob = z.infer<typeof orderImportJobSchema>;
