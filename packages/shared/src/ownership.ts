import { z } from 'zod';
import { uuidSchema } from './common';
import {
  customerCategories,
  customerGrades,
  customerSchema,
  customerStatuses,
  listCustomersQuerySchema,
} from './customers';
import { pageQuerySchema, pageSchema } from './pagination';

/**
 * Ownership and the public pool (公海池), DOMAIN §2: owners and transfers, claims with limits,
 * releases, automatic recycling, and the key customers executives personally hold.
 */

export const ownershipKinds = ['create', 'transfer', 'claim', 'release', 'recycle', 'merge'] as const;
export type OwnershipKind = (typeof ownershipKinds)[number];

/** Roles that may hold customers (and so have a claim limit); finance and reception never do. */
export const poolRoleKeys = [
  'admin',
  'executive',
  'department_manager',
  'account_manager',
  'service_agent',
] as const;
/** Grades, plus `none` for customers not graded yet. */
export const recycleGradeKeys = [...customerGrades, 'none'] as const;

export const ownershipLimits = {
  transferMax: 500,
  claimMax: 50,
  reasonMax: 500,
} as const;

const userRef = z.object({ id: uuidSchema, name: z.string() });
const customerRef = z.object({ id: uuidSchema, name: z.string() });
const reasonSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(ownershipLimits.reasonMax, `at most ${ownershipLimits.reasonMax} characters`);

// ---- transfers (转移) ----

export const transferRequestSchema = z.strictObject({
  customerIds: z
    .array(uuidSchema)
    .min(1, 'choose at least one customer')
    .max(ownershipLimits.transferMax, `at most ${ownershipLimits.transferMax} customers at once`),
  toUserId: uuidSchema,
  reason: reasonSchema,
});
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const transferResultSchema = z.object({
  toUser: userRef,
  transferred: z.array(customerRef.extend({ from: userRef.nullable() })),
  unchanged: z.array(customerRef).describe('Customers the new owner already held: nothing to do'),
});
export type TransferResult = z.infer<typeof transferResultSchema>;

// ---- the pool ----

/** The customer list's filters, minus those that make no sense for unowned customers. */
export const poolQuerySchema = listCustomersQuerySchema.omit({
  ownerId: true,
  departmentId: true,
  status: true,
  unverifiedDays: true,
});
export type PoolQuery = z.infer<typeof poolQuerySchema>;

export const poolCustomerSchema = customerSchema.extend({
  pool: z.object({
    /** When it last left an owner (release or recycle); null if it never had one here. */
    since: z.string().nullable(),
    how: z.enum(['release', 'recycle']).nullable(),
    lastOwner: userRef.nullable(),
    /** Set when you gave this customer up recently: the first date you may claim it again. */
    cooldownEndsOn: z.string().nullable(),
  }),
});
export type PoolCustomer = z.infer<typeof poolCustomerSchema>;
export const poolPageSchema = pageSchema(poolCustomerSchema).extend({ totalCapped: z.boolean() });

export const claimRequestSchema = z
  .strictObject({
    customerId: uuidSchema.optional(),
    customerIds: z
      .array(uuidSchema)
      .min(1, 'choose at least one customer')
      .max(ownershipLimits.claimMax, `at most ${ownershipLimits.claimMax} customers at once`)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.customerId === undefined) === (v.customerIds === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: 'send customerId or customerIds (one of them)',
      });
    }
  });
export type ClaimRequest = z.infer<typeof claimRequestSchema>;

export const claimResultSchema = z.object({
  claimed: z.array(customerRef),
  held: z.number().int(),
  limit: z.number().int(),
});
export type ClaimResult = z.infer<typeof claimResultSchema>;

export const releaseRequestSchema = z.strictObject({ customerId: uuidSchema, reason: reasonSchema });
export const releaseResultSchema = z.object({ customer: customerRef, from: userRef, held: z.number().int() });
export type ReleaseResult = z.infer<typeof releaseResultSchema>;

export const poolMeSchema = z.object({
  held: z.number().int().describe('Active customers you own'),
  limit: z.number().int().describe('Most you may hold and still claim; 0: your role does not claim'),
  canClaim: z.boolean(),
  atRisk: z.number().int().describe('Your customers already in their warning period before recycling'),
  warnDays: z.number().int(),
  cooldownDays: z.number().int(),
});
export type PoolMe = z.infer<typeof poolMeSchema>;

export const atRiskCustomerSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  grade: z.enum(customerGrades).nullable(),
  category: z.enum(customerCategories),
  lastInteractionAt: z.string(),
  dueOn: z.string().describe('The date it returns to the pool unless someone works on it'),
});
export type AtRiskCustomer = z.infer<typeof atRiskCustomerSchema>;
export const atRiskListSchema = z.object({ items: z.array(atRiskCustomerSchema) });

// ---- settings ----

const days = z.number().int().min(0).max(3650);
export const poolSettingsSchema = z.object({
  claimLimits: z.object(
    Object.fromEntries(poolRoleKeys.map((r) => [r, z.number().int()])) as Record<
      (typeof poolRoleKeys)[number],
      z.ZodNumber
    >,
  ),
  recycleDays: z.object(
    Object.fromEntries(recycleGradeKeys.map((g) => [g, z.number().int()])) as Record<
      (typeof recycleGradeKeys)[number],
      z.ZodNumber
    >,
  ),
  warnDays: z.number().int(),
  cooldownDays: z.number().int(),
  exemptKeyCategory: z.boolean(),
  executiveKeyMin: z.number().int(),
  executiveKeyMax: z.number().int(),
});
export type PoolSettingsView = z.infer<typeof poolSettingsSchema>;

export const updatePoolSettingsSchema = z.strictObject({
  claimLimits: z
    .strictObject(
      Object.fromEntries(
        poolRoleKeys.map((r) => [r, z.number().int().min(0).max(100_000).optional()]),
      ) as Record<(typeof poolRoleKeys)[number], z.ZodOptional<z.ZodNumber>>,
    )
    .optional()
    .describe('Per role; 0: the role does not claim'),
  recycleDays: z
    .strictObject(
      Object.fromEntries(recycleGradeKeys.map((g) => [g, days.optional()])) as Record<
        (typeof recycleGradeKeys)[number],
        z.ZodOptional<typeof days>
      >,
    )
    .optional()
    .describe('Per grade (none: ungraded); 0: never recycled'),
  warnDays: z.number().int().min(0).max(365).optional(),
  cooldownDays: z.number().int().min(0).max(3650).optional(),
  exemptKeyCategory: z.boolean().optional(),
  executiveKeyMin: z.number().int().min(0).max(100).optional(),
  executiveKeyMax: z.number().int().min(1).max(100).optional(),
});
export type UpdatePoolSettings = z.infer<typeof updatePoolSettingsSchema>;

// ---- one customer's ownership ----

export const recycleExemptions = [
  'unowned',
  'inactive',
  'executive_key',
  'key_category',
  'never_for_grade',
] as const;

export const customerOwnershipSchema = z.object({
  customerId: uuidSchema,
  status: z.enum(customerStatuses),
  owner: userRef.nullable(),
  executiveSponsor: userRef.nullable(),
  lastInteractionAt: z.string(),
  recycle: z.object({
    exemption: z.enum(recycleExemptions).nullable(),
    dueOn: z.string().nullable(),
    warnOn: z.string().nullable(),
  }),
  /** What you may do here, so the page offers only what the server would accept. */
  can: z.object({
    release: z.boolean(),
    transfer: z.boolean(),
    sponsor: z.boolean(),
    unsponsor: z.boolean(),
  }),
});
export type CustomerOwnership = z.infer<typeof customerOwnershipSchema>;

export const ownershipEntrySchema = z.object({
  id: uuidSchema,
  kind: z.enum(ownershipKinds),
  from: userRef.nullable(),
  to: userRef.nullable(),
  reason: z.string(),
  actor: userRef.nullable().describe('null: the system (recycling)'),
  at: z.string(),
});
export type OwnershipEntry = z.infer<typeof ownershipEntrySchema>;
export const ownershipHistoryPageSchema = pageSchema(ownershipEntrySchema);
export const ownershipHistoryQuerySchema = pageQuerySchema;

// ---- executives' key customers (我的重点客户) ----

export const keyCustomerRequestSchema = z.strictObject({ customerId: uuidSchema });
export const keyCustomersQuerySchema = z.strictObject({
  executiveId: uuidSchema.optional().describe('Default: yourself'),
});
export const keyCustomerSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  grade: z.enum(customerGrades).nullable(),
  category: z.enum(customerCategories),
  status: z.enum(customerStatuses),
  owner: userRef.nullable(),
  lastInteractionAt: z.string(),
});
export const keyCustomerListSchema = z.object({
  executive: userRef,
  items: z.array(keyCustomerSchema),
  min: z.number().int(),
  max: z.number().int(),
  standing: z.enum(['below_min', 'ok', 'at_max']),
  canAdd: z.boolean(),
});
export type KeyCustomerList = z.infer<typeof keyCustomerListSchema>;

export const recycleRunSchema = z.object({ jobId: uuidSchema });
