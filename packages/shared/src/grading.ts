import { z } from 'zod';
import { uuidSchema, versionSchema } from './common';
import { customerCategories, customerGrades, customerScales, lifecycles, valueTiers } from './customers';
import { pageQuerySchema, pageSchema } from './pagination';

/**
 * Grading (客户分级): the weighted scoring rule an administrator edits, the scores it gives, the
 * overrides people make and the service standard each grade carries. The semantic checks (weights
 * add up to 100 %, bands ascending, cut-offs ordered) live in packages/domain/src/grading.ts,
 * which the server runs after these shape checks and the editor runs as the user types.
 */

/**
 * The indicators a rule may weigh. Raw values: value12m — order value in the last 12 months (fen);
 * cooperationYears — full years since signing (else since the first order); frequency12m — orders
 * in the last 12 months; recencyDays — days since the last order; satisfaction — 0–100 from
 * surveys (issue 6; no data yet, see the rule's explanation).
 */
export const gradingIndicatorKeys = [
  'value12m',
  'cooperationYears',
  'frequency12m',
  'recencyDays',
  'satisfaction',
] as const;
export type GradingIndicatorKey = (typeof gradingIndicatorKeys)[number];

export const gradingLimits = {
  bandsMax: 12,
  classRulesMax: 20,
  /** Band bounds: the largest 12-month value an order table can sum to is far below this. */
  boundMax: 1e15,
  reasonMax: 500,
  noteMax: 200,
  listMax: 50,
} as const;

/** Fields a person may override: the proposal stays visible beside the override. */
export const overridableFields = ['grade', 'category', 'valueTier'] as const;
export type OverridableField = (typeof overridableFields)[number];

export const gradeChangeCauses = ['rule', 'override', 'manual'] as const;
export type GradeChangeCause = (typeof gradeChangeCauses)[number];

export const serviceModels = ['dedicated', 'pooled'] as const;
/** Hospitality standard (DOMAIN §7): key-customer caps, general-customer caps, or none. */
export const hospitalityTiers = ['key', 'general', 'none'] as const;

const bound = z.number().min(0, 'must be 0 or more').max(gradingLimits.boundMax);

export const scoreBandSchema = z.strictObject({
  /** Inclusive lower bound of the raw value. */
  min: bound,
  /** Exclusive upper bound; null only on the last band (no upper limit). */
  max: bound.nullable(),
  points: z.number().int().min(0).max(100),
});
export type ScoreBand = z.infer<typeof scoreBandSchema>;

export const gradingIndicatorSchema = z.strictObject({
  key: z.enum(gradingIndicatorKeys),
  /** Whole percent; the weights of all indicators add up to 100. */
  weight: z.number().int().min(0).max(100),
  bands: z.array(scoreBandSchema).min(1, 'at least one band').max(gradingLimits.bandsMax),
});
export type GradingIndicator = z.infer<typeof gradingIndicatorSchema>;

/** Every condition given must hold (AND); a rule needs at least one. */
export const classConditionSchema = z.strictObject({
  /** The grade in force (an override counts). */
  grades: z.array(z.enum(customerGrades)).min(1).max(4).optional(),
  minScore: z.number().min(0).max(100).optional(),
  /** Order value in the last 12 months at least this many fen. */
  minValueFen: z.number().int().min(0).max(gradingLimits.boundMax).optional(),
  /** Full years of cooperation at most this many (no cooperation yet counts as 0). */
  maxYears: z.number().int().min(0).max(200).optional(),
  scales: z.array(z.enum(customerScales)).min(1).max(5).optional(),
  lifecycles: z.array(z.enum(lifecycles)).min(1).max(4).optional(),
  industries: z.array(z.string().trim().min(1).max(100)).min(1).max(gradingLimits.listMax).optional(),
  provinceCodes: z
    .array(z.string().regex(/^\d{2}$/, 'must be a 2-digit province code'))
    .min(1)
    .max(gradingLimits.listMax)
    .optional(),
});
export type ClassCondition = z.infer<typeof classConditionSchema>;

const classSpec = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject({
    /** Tried in order; the first rule whose conditions all hold decides. */
    rules: z
      .array(z.strictObject({ value: z.enum(values), when: classConditionSchema }))
      .max(gradingLimits.classRulesMax),
    otherwise: z.enum(values),
  });

export const gradingRulesSchema = z.strictObject({
  indicators: z.array(gradingIndicatorSchema).min(1).max(gradingIndicatorKeys.length),
  /** Lowest weighted total (0–100) for each grade; below C is D. */
  cutoffs: z.strictObject({
    A: z.number().min(0).max(100),
    B: z.number().min(0).max(100),
    C: z.number().min(0).max(100),
  }),
  category: classSpec(customerCategories),
  valueTier: classSpec(valueTiers),
});
export type GradingRules = z.infer<typeof gradingRulesSchema>;
export type CustomerGrade = (typeof customerGrades)[number];
export type CustomerCategory = (typeof customerCategories)[number];
export type ValueTier = (typeof valueTiers)[number];

const actorRef = z.object({ id: uuidSchema, name: z.string() }).nullable();

export const gradingRuleSetSchema = z.object({
  id: uuidSchema,
  version: z.number().int(),
  current: z.boolean(),
  rules: gradingRulesSchema,
  note: z.string(),
  createdAt: z.string(),
  createdBy: actorRef,
});
export type GradingRuleSet = z.infer<typeof gradingRuleSetSchema>;
export const gradingRuleSetPageSchema = pageSchema(gradingRuleSetSchema);
export const listRuleVersionsQuerySchema = pageQuerySchema;

export const saveGradingRulesRequestSchema = z.strictObject({
  rules: gradingRulesSchema,
  note: z.string().trim().max(gradingLimits.noteMax).optional(),
  /** The version being replaced, unless sent as If-Match. */
  version: versionSchema.optional(),
});
export type SaveGradingRulesRequest = z.infer<typeof saveGradingRulesRequestSchema>;

export const previewGradingRulesRequestSchema = z.strictObject({ rules: gradingRulesSchema });

const gradeOrNull = z.enum(customerGrades).nullable();
export const gradingPreviewSchema = z.object({
  /** The business date the preview computed "last 12 months" and recency from. */
  asOf: z.string(),
  /** Active customers considered. */
  total: z.number().int(),
  changed: z.object({ grade: z.number().int(), category: z.number().int(), valueTier: z.number().int() }),
  /** Customers by grade in force now → grade in force under the draft (overrides still win). */
  gradeMatrix: z.array(z.object({ from: gradeOrNull, to: gradeOrNull, count: z.number().int() })),
  categoryMatrix: z.array(
    z.object({ from: z.enum(customerCategories), to: z.enum(customerCategories), count: z.number().int() }),
  ),
  valueTierMatrix: z.array(
    z.object({
      from: z.enum(valueTiers).nullable(),
      to: z.enum(valueTiers).nullable(),
      count: z.number().int(),
    }),
  ),
});
export type GradingPreview = z.infer<typeof gradingPreviewSchema>;

export const regradeRequestSchema = z.strictObject({
  /** One customer now (answers with its new score); without it, everyone in a background job. */
  customerId: uuidSchema.optional(),
});
export const regradeStartedSchema = z.object({ jobId: uuidSchema });

export const scoreBreakdownItemSchema = z.object({
  key: z.enum(gradingIndicatorKeys),
  /** The raw value; null when unknown (no orders, no signing date, no survey yet). */
  raw: z.number().nullable(),
  points: z.number().int(),
  /** Weight in the rule (%). */
  weight: z.number(),
  /** Weight actually applied (%): a missing satisfaction's weight goes to the others. */
  appliedWeight: z.number(),
  /** Points × applied weight: what the indicator adds to the total. */
  contribution: z.number(),
});

export const gradeOverrideSchema = z.object({
  field: z.enum(overridableFields),
  value: z.string(),
  reason: z.string(),
  by: actorRef,
  at: z.string(),
});
export type GradeOverride = z.infer<typeof gradeOverrideSchema>;

export const gradeHistoryEntrySchema = z.object({
  id: z.string(),
  from: gradeOrNull,
  to: gradeOrNull,
  cause: z.enum(gradeChangeCauses),
  reason: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  by: actorRef,
  at: z.string(),
});
export type GradeHistoryEntry = z.infer<typeof gradeHistoryEntrySchema>;

export const customerScoreSchema = z.object({
  customerId: uuidSchema,
  /** What the customer record shows now (the proposal, unless overridden). */
  current: z.object({
    grade: gradeOrNull,
    category: z.enum(customerCategories),
    valueTier: z.enum(valueTiers).nullable(),
  }),
  /** Null until the customer has been graded once. */
  score: z
    .object({
      total: z.number(),
      ruleVersion: z.number().int(),
      computedAt: z.string(),
      asOf: z.string(),
      breakdown: z.array(scoreBreakdownItemSchema),
      proposal: z.object({
        grade: z.enum(customerGrades),
        category: z.enum(customerCategories),
        valueTier: z.enum(valueTiers),
      }),
      /** 1–5 each, quintiles among customers with orders; null without orders. */
      rfm: z.object({ r: z.number().int(), f: z.number().int(), m: z.number().int() }).nullable(),
    })
    .nullable(),
  overrides: z.array(gradeOverrideSchema),
  history: z.array(gradeHistoryEntrySchema),
});
export type CustomerScore = z.infer<typeof customerScoreSchema>;

export const gradeOverrideRequestSchema = z
  .strictObject({
    field: z.enum(overridableFields),
    value: z.string().trim().min(1, 'required'),
    reason: z.string().trim().min(1, 'required').max(gradingLimits.reasonMax),
  })
  .superRefine((body, ctx) => {
    const allowed: Record<OverridableField, readonly string[]> = {
      grade: customerGrades,
      category: customerCategories,
      valueTier: valueTiers,
    };
    if (!allowed[body.field].includes(body.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `must be one of ${allowed[body.field].join(', ')}`,
      });
    }
  });
export type GradeOverrideRequest = z.infer<typeof gradeOverrideRequestSchema>;
export const gradeOverrideParamsSchema = z.strictObject({ id: uuidSchema, field: z.enum(overridableFields) });

export const serviceStandardFields = {
  /** Days between follow-ups (回访周期). */
  followUpDays: z.number().int().min(1).max(366),
  serviceModel: z.enum(serviceModels),
  hospitalityTier: z.enum(hospitalityTiers),
  /** 1 is served first in queues (tickets, approvals). */
  queuePriority: z.number().int().min(1).max(9),
};
export const serviceStandardSchema = z.object({
  grade: z.enum(customerGrades),
  ...serviceStandardFields,
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: actorRef,
});
export type ServiceStandard = z.infer<typeof serviceStandardSchema>;
export const serviceStandardListSchema = z.object({ items: z.array(serviceStandardSchema) });

export const updateServiceStandardsRequestSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({ grade: z.enum(customerGrades), ...serviceStandardFields, version: versionSchema }),
    )
    .min(1)
    .max(customerGrades.length),
});
export type UpdateServiceStandardsRequest = z.infer<typeof updateServiceStandardsRequestSchema>;

const countOf = <T extends z.ZodType>(value: T) => z.array(z.object({ value, count: z.number().int() }));
export const gradeDistributionSchema = z.object({
  /** Active customers in the caller's scope. */
  total: z.number().int(),
  grades: countOf(gradeOrNull),
  categories: countOf(z.enum(customerCategories)),
  valueTiers: countOf(z.enum(valueTiers).nullable()),
  /** When the last full regrade finished, if one has. */
  lastRegradeAt: z.string().nullable(),
});
export type GradeDistribution = z.infer<typeof gradeDistributionSchema>;
