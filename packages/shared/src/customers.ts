import { z } from 'zod';
import { uuidSchema, versionSchema } from './common';
import { phoneSchema } from './identity';
import { pageQuerySchema, pageSchema } from './pagination';

export const customerKinds = ['company', 'person'] as const;
export const customerScales = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export const customerSources = ['sales', 'marketing_event', 'referral', 'inbound', 'other'] as const;
export const customerCategories = ['key', 'normal', 'potential'] as const;
export const customerGrades = ['A', 'B', 'C', 'D'] as const;
export const valueTiers = ['high', 'medium', 'potential', 'low'] as const;
export const lifecycles = ['prospect', 'active', 'dormant', 'lost'] as const;
export const customerStatuses = ['active', 'invalid', 'merged'] as const;
export const decisionRoles = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;
export const contactChannels = ['phone', 'email', 'sms', 'wechat', 'visit'] as const;
export const customFieldTypes = [
  'text',
  'number',
  'date',
  'single_select',
  'multi_select',
  'boolean',
] as const;
export const duplicateReasons = ['credit_code', 'name', 'phone'] as const;

export const customerLimits = {
  nameMax: 200,
  shortNameMax: 50,
  textMax: 100,
  addressMax: 300,
  preferencesMax: 4000,
  notesMax: 4000,
  tagsMax: 20,
  tagMax: 30,
  customTextMax: 1000,
  verifyAfterDaysDefault: 180,
  verifyAfterDaysMin: 1,
  verifyAfterDaysMax: 3650,
} as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const required = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);

/** A real calendar date written YYYY-MM-DD: 2026-02-30 is refused, not rolled over to March. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().slice(0, 10) === s &&
      s >= '1800-01-01' &&
      s <= '2200-12-31'
    );
  }, 'is not a real calendar date');

const emailOrEmpty = z
  .string()
  .trim()
  .max(254)
  .refine((s) => s === '' || z.email().safeParse(s).success, 'must be an email address');
const urlOrEmpty = z
  .string()
  .trim()
  .max(300)
  .refine((s) => s === '' || /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(s), 'must be a web address');
const regionCode = (len: number) =>
  z.string().regex(new RegExp(`^\\d{${len}}$`), `must be a ${len}-digit region code`);

export const customValuesSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'custom field keys are lower_snake_case'), z.unknown())
  .describe('Values of administrator-defined custom fields, keyed by field key');

const customerFields = {
  kind: z.enum(customerKinds),
  name: required(customerLimits.nameMax),
  shortName: text(customerLimits.shortNameMax),
  creditCode: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .describe('Unified social credit code; checked with its GB 32100 checksum'),
  industry: text(customerLimits.textMax),
  scale: z.enum(customerScales).nullable(),
  provinceCode: regionCode(2).nullable(),
  cityCode: regionCode(4).nullable(),
  districtCode: regionCode(6).nullable(),
  address: text(customerLimits.addressMax),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  phone: phoneSchema,
  email: emailOrEmpty,
  wechat: text(60),
  website: urlOrEmpty,
  source: z.enum(customerSources).nullable(),
  foundedOn: isoDateSchema.nullable(),
  signedOn: isoDateSchema.nullable(),
  tags: z.array(required(customerLimits.tagMax)).max(customerLimits.tagsMax),
  preferences: text(customerLimits.preferencesMax),
  ownerId: uuidSchema.nullable(),
  category: z.enum(customerCategories),
  grade: z.enum(customerGrades).nullable(),
  valueTier: z.enum(valueTiers).nullable(),
  lifecycle: z.enum(lifecycles),
  custom: customValuesSchema,
};

const contactFields = {
  name: required(customerLimits.textMax),
  employer: text(customerLimits.textMax),
  position: text(customerLimits.textMax),
  address: text(customerLimits.addressMax),
  phone: phoneSchema,
  email: emailOrEmpty,
  wechat: text(60),
  birthday: isoDateSchema.nullable(),
  decisionRole: z.enum(decisionRoles).nullable(),
  hasDecisionAuthority: z.boolean(),
  preferredChannel: z.enum(contactChannels).nullable(),
  personalNotes: text(customerLimits.notesMax),
  isKey: z.boolean(),
  /** Checked against the `contact` custom field definitions, exactly as a customer's are. */
  custom: customValuesSchema,
};

const contactObject = z.strictObject(contactFields);
export const createContactRequestSchema = contactObject.partial().required({ name: true });
export type CreateContactRequest = z.infer<typeof createContactRequestSchema>;

export const updateContactRequestSchema = contactObject
  .partial()
  .extend({ version: versionSchema.optional() });
export type UpdateContactRequest = z.infer<typeof updateContactRequestSchema>;

export const contactSchema = z.object({
  id: uuidSchema,
  customerId: uuidSchema,
  name: z.string(),
  employer: z.string(),
  position: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  wechat: z.string(),
  birthday: z.string().nullable(),
  decisionRole: z.enum(decisionRoles).nullable(),
  hasDecisionAuthority: z.boolean(),
  preferredChannel: z.enum(contactChannels).nullable(),
  personalNotes: z.string(),
  isKey: z.boolean(),
  custom: z
    .record(z.string(), z.unknown())
    .describe('Values of the contact custom fields, keyed by field key'),
  masked: z.boolean().describe('Phone and e-mail are masked for your role'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Contact = z.infer<typeof contactSchema>;
export const contactListSchema = z.object({ items: z.array(contactSchema) });

const customerObject = z.strictObject(customerFields);
export type CustomerFieldValues = z.infer<typeof customerObject>;

export const createCustomerRequestSchema = customerObject
  .partial()
  .required({ name: true })
  .extend({
    contacts: z.array(createContactRequestSchema).max(50).optional(),
    collaboratorIds: z.array(uuidSchema).max(50).optional(),
    confirmDuplicates: z
      .boolean()
      .optional()
      .describe('Create even though likely duplicates exist (they were shown to the user)'),
  });
export type CreateCustomerRequest = z.infer<typeof createCustomerRequestSchema>;

export const updateCustomerRequestSchema = customerObject.partial().extend({
  version: versionSchema.optional(),
  collaboratorIds: z.array(uuidSchema).max(50).optional(),
  confirmDuplicates: z.boolean().optional(),
});
export type UpdateCustomerRequest = z.infer<typeof updateCustomerRequestSchema>;

const userRef = z.object({ id: uuidSchema, name: z.string() });

export const customerSchema = z.object({
  id: uuidSchema,
  kind: z.enum(customerKinds),
  name: z.string(),
  shortName: z.string(),
  creditCode: z.string().nullable(),
  industry: z.string(),
  scale: z.enum(customerScales).nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  regionName: z.string().describe('省 / 市 / 区 joined for display'),
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string(),
  email: z.string(),
  wechat: z.string(),
  website: z.string(),
  source: z.enum(customerSources).nullable(),
  foundedOn: z.string().nullable(),
  signedOn: z.string().nullable(),
  tags: z.array(z.string()),
  preferences: z.string(),
  owner: userRef.nullable(),
  collaborators: z.array(userRef),
  category: z.enum(customerCategories),
  grade: z.enum(customerGrades).nullable(),
  valueTier: z.enum(valueTiers).nullable(),
  lifecycle: z.enum(lifecycles),
  status: z.enum(customerStatuses),
  invalidReason: z.string().nullable(),
  invalidatedAt: z.string().nullable(),
  mergedIntoId: uuidSchema.nullable(),
  verifiedAt: z.string().nullable(),
  verifiedBy: userRef.nullable(),
  custom: z.record(z.string(), z.unknown()),
  masked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const customerDetailSchema = customerSchema.extend({ contacts: z.array(contactSchema) });
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

export const customerSorts = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'relevance',
] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const listCustomersQuerySchema = pageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Name (any part), pinyin, initials, phone, credit code or contact name'),
  ownerId: z.union([uuidSchema, z.literal('none'), z.literal('me')]).optional(),
  departmentId: uuidSchema.optional().describe("Customers owned by this department's members (subtree)"),
  grade: csv(customerGrades).optional().describe('Comma-separated, e.g. A,B'),
  category: csv(customerCategories).optional(),
  valueTier: csv(valueTiers).optional(),
  lifecycle: csv(lifecycles).optional(),
  kind: z.enum(customerKinds).optional(),
  scale: csv(customerScales).optional(),
  source: csv(customerSources).optional(),
  status: z
    .enum(['active', 'invalid', 'all'])
    .default('active')
    .describe('Invalid (注销) customers appear only when asked for'),
  industry: z.string().trim().max(100).optional(),
  provinceCode: regionCode(2).optional(),
  cityCode: regionCode(4).optional(),
  districtCode: regionCode(6).optional(),
  tag: z.string().trim().max(customerLimits.tagMax).optional(),
  signedFrom: isoDateSchema.optional(),
  signedTo: isoDateSchema.optional(),
  unverifiedDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('Not verified in this many days'),
  custom: z
    .string()
    .max(2000)
    .optional()
    .describe('JSON object of custom field key → value that must match, e.g. {"channel_level":"gold"}'),
  sort: z.enum(customerSorts).optional().describe('Default: relevance when q is given, otherwise -updatedAt'),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;
export const customerPageSchema = pageSchema(customerSchema).extend({
  totalCapped: z.boolean().describe('True when more matches exist than were counted (total stops at 10,000)'),
});

export const duplicateMatchSchema = z.object({
  customer: z.object({
    id: uuidSchema,
    name: z.string(),
    creditCode: z.string().nullable(),
    phone: z.string(),
    owner: userRef.nullable(),
    status: z.enum(customerStatuses),
    visible: z.boolean().describe('False when the match is outside your scope: only its name is shown'),
  }),
  reasons: z.array(z.enum(duplicateReasons)),
});
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;

export const checkDuplicatesRequestSchema = z.strictObject({
  name: z.string().trim().max(customerLimits.nameMax).optional(),
  creditCode: z.string().trim().max(40).nullable().optional(),
  phone: z.string().trim().max(40).optional(),
  contactPhones: z.array(z.string().max(40)).max(50).optional(),
  excludeId: uuidSchema.optional(),
});
export const duplicateListSchema = z.object({ matches: z.array(duplicateMatchSchema) });

export const duplicateGroupSchema = z.object({
  reason: z.enum(duplicateReasons),
  key: z.string(),
  customers: z.array(duplicateMatchSchema.shape.customer),
});
export const duplicateGroupPageSchema = z.object({
  groups: z.array(duplicateGroupSchema),
  nextCursor: z.string().nullable(),
});

export const mergeCustomersRequestSchema = z.strictObject({
  survivorId: uuidSchema,
  mergedId: uuidSchema,
  survivorVersion: versionSchema,
  mergedVersion: versionSchema,
  /** Per field, whose value survives; fields not listed keep the survivor's value. */
  take: z.record(z.string(), z.enum(['survivor', 'merged'])).default({}),
});

export const invalidateCustomerRequestSchema = z.strictObject({
  reason: required(500),
  version: versionSchema.optional(),
});
export const versionOnlyRequestSchema = z.strictObject({ version: versionSchema.optional() });

// ---- custom field definitions ----
export const customFieldOptionSchema = z.object({
  value: z.string().trim().min(1).max(60),
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(60),
});
export const customFieldDefinitionSchema = z.object({
  id: uuidSchema,
  entity: z.enum(['customer', 'contact']),
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(customFieldOptionSchema),
  required: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
  version: versionSchema,
});
export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;
export const customFieldListSchema = z.object({ items: z.array(customFieldDefinitionSchema) });
export const createCustomFieldRequestSchema = z.strictObject({
  entity: z.enum(['customer', 'contact']).default('customer'),
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower_snake_case, starting with a letter, at most 40 characters'),
  labelZh: required(60),
  labelEn: required(60),
  type: z.enum(customFieldTypes),
  options: z.array(customFieldOptionSchema).max(100).default([]),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(1000).default(0),
});
export const updateCustomFieldRequestSchema = z.strictObject({
  version: versionSchema.optional(),
  labelZh: required(60).optional(),
  labelEn: required(60).optional(),
  options: z.array(customFieldOptionSchema).max(100).optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
});

// ---- saved views ----
export const savedViewSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
  version: versionSchema,
});
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });
export const createSavedViewRequestSchema = z.strictObject({
  name: required(60),
  query: z
    .record(z.string(), z.unknown())
    .describe('Filters, sort and visible columns as the list page uses them'),
});
export const updateSavedViewRequestSchema = z.strictObject({
  version: versionSchema.optional(),
  name: required(60).optional(),
  query: z.record(z.string(), z.unknown()).optional(),
});
