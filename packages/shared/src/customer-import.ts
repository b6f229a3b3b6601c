import { z } from 'zod';
import { uuidSchema, versionSchema } from './common';
import { listCustomersQuerySchema } from './customers';
import { locales } from './enums';
import { pageQuerySchema, pageSchema } from './pagination';

export const importFormats = ['xlsx', 'csv'] as const;
export const importEncodings = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export const importStatuses = ['uploaded', 'running', 'done', 'failed', 'interrupted'] as const;
export const duplicatePolicies = ['skip', 'update', 'create'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

export const importLimits = {
  /** Default upload limit; administrators change it with the `customerImport.maxFileMb` setting. */
  maxFileMbDefault: 50,
  /** Bounds of the setting (whole MB). */
  maxFileMbMin: 1,
  maxFileMbMax: 500,
  previewRows: 20,
  /** Rejections listed in the job; rejections.csv has all of them. */
  rejectionsShown: 100,
} as const;

/**
 * Standard target fields (`custom.<key>` adds administrator-defined customer fields,
 * `contactCustom.<key>` those of the row's contact).
 */
export const standardImportFieldKeys = [
  'name',
  'shortName',
  'kind',
  'creditCode',
  'industry',
  'scale',
  'region',
  'province',
  'city',
  'district',
  'address',
  'latitude',
  'longitude',
  'phone',
  'email',
  'wechat',
  'website',
  'source',
  'foundedOn',
  'signedOn',
  'tags',
  'preferences',
  'owner',
  'category',
  'grade',
  'valueTier',
  'lifecycle',
  'contactName',
  'contactPosition',
  'contactPhone',
  'contactEmail',
] as const;
export type StandardImportFieldKey = (typeof standardImportFieldKeys)[number];

export const importFieldKeySchema = z
  .string()
  .regex(
    new RegExp(`^(${standardImportFieldKeys.join('|')}|(custom|contactCustom)\\.[a-z][a-z0-9_]{0,39})$`),
    'must be a field key from `fields`',
  );

export const importFieldSchema = z.object({
  key: z.string().describe('`name`, `phone`, …, `custom.<key>` or `contactCustom.<key>`'),
  labelZh: z.string(),
  labelEn: z.string(),
  group: z.enum(['customer', 'contact', 'custom']),
  required: z.boolean().describe('A column must be mapped to it'),
  requiredWithContact: z
    .boolean()
    .describe('A column must be mapped to it when one is mapped to the contact name (contactName)'),
});
export type ImportField = z.infer<typeof importFieldSchema>;

export const importUploadResponseSchema = z.object({
  id: uuidSchema,
  fileName: z.string(),
  format: z.enum(importFormats),
  encoding: z.enum(importEncodings).nullable().describe('Text encoding of a CSV file; null for xlsx'),
  headers: z.array(z.string()),
  preview: z.array(z.array(z.string())).describe('The first data rows as text, as they will be read'),
  suggestedMapping: z.record(z.string(), z.string().nullable()).describe('Column index → field key or null'),
  fields: z.array(importFieldSchema),
  totalRows: z.number().int().nullable().describe('Data rows counted at upload (an estimate for CSV)'),
  version: versionSchema,
});
export type ImportUploadResponse = z.infer<typeof importUploadResponseSchema>;

export const startImportRequestSchema = z.strictObject({
  mapping: z
    .record(z.string().regex(/^\d{1,4}$/, 'column index'), importFieldKeySchema.nullable())
    .describe('Column index → field key; unmapped columns are ignored. `name` must be mapped'),
  duplicatePolicy: z.enum(duplicatePolicies),
  defaultOwnerId: uuidSchema
    .nullable()
    .optional()
    .describe('Owner of rows without a 客户经理 cell; null for none. Default: as when creating by hand'),
  version: versionSchema,
});
export type StartImportRequest = z.infer<typeof startImportRequestSchema>;

export const importRejectionSchema = z.object({
  row: z.number().int().describe('Row number as Excel shows it (the header is row 1)'),
  column: z.string().nullable().describe('Column header, or null for a problem with the whole row'),
  code: z.string(),
  message: z.string(),
});
export type ImportRejection = z.infer<typeof importRejectionSchema>;

const userRef = z.object({ id: uuidSchema, name: z.string() });

export const importJobSummarySchema = z.object({
  id: uuidSchema,
  fileName: z.string(),
  format: z.enum(importFormats),
  encoding: z.enum(importEncodings).nullable(),
  status: z.enum(importStatuses),
  duplicatePolicy: z.enum(duplicatePolicies).nullable(),
  totalRows: z.number().int().nullable(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable().describe('Why a failed or interrupted job stopped'),
  createdBy: userRef.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  version: versionSchema,
});
export type ImportJobSummary = z.infer<typeof importJobSummarySchema>;

export const importJobSchema = importJobSummarySchema.extend({
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()).nullable(),
  rejections: z.array(importRejectionSchema).describe('The first rejections; rejections.csv has all'),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPageSchema = pageSchema(importJobSummarySchema).extend({
  maxFileBytes: z.number().int().describe('Largest file an upload accepts'),
});
export const listImportsQuerySchema = pageQuerySchema;

export const exportFormats = ['xlsx', 'csv'] as const;
export const exportCustomersQuerySchema = listCustomersQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({
    format: z.enum(exportFormats).default('xlsx'),
    lang: z.enum(locales).optional().describe("Header and label language; default: your profile's"),
    encoding: z
      .enum(['utf-8', 'gb18030'])
      .default('utf-8')
      .describe('CSV only: gb18030 for old Excel versions that do not read UTF-8'),
  });
export type ExportCustomersQuery = z.infer<typeof exportCustomersQuerySchema>;
