import {
  type CustomerScore,
  customerScoreSchema,
  type GradeDistribution,
  type GradeOverrideRequest,
  type GradingPreview,
  type GradingRuleSet,
  type GradingRules,
  gradeDistributionSchema,
  gradingPreviewSchema,
  gradingRuleSetPageSchema,
  gradingRuleSetSchema,
  type OverridableField,
  regradeStartedSchema,
  type ServiceStandard,
  serviceStandardListSchema,
  type UpdateServiceStandardsRequest,
} from '@weixi/shared';
import { api, request } from './client';

export type {
  CustomerScore,
  GradeDistribution,
  GradeOverrideRequest,
  GradingPreview,
  GradingRuleSet,
  GradingRules,
  OverridableField,
  ServiceStandard,
};

/** Query keys of the grading pages; a write invalidates `gradingKeys.all` and the customer it touched. */
export const gradingKeys = {
  all: ['grading'] as const,
  rules: ['grading', 'rules'] as const,
  versions: (limit: number, cursor: string | undefined) =>
    ['grading', 'versions', limit, cursor ?? null] as const,
  distribution: ['grading', 'distribution'] as const,
  standards: ['grading', 'standards'] as const,
  score: (customerId: string) => ['grading', 'score', customerId] as const,
};

export const gradingApi = {
  rules: () => api.get('/grading/rules', { schema: gradingRuleSetSchema }),
  saveRules: (version: number, rules: GradingRules, note: string) =>
    request('PUT', '/grading/rules', { body: { rules, note }, version, schema: gradingRuleSetSchema }),
  versions: (limit: number, cursor: string | undefined) =>
    api.get('/grading/rules/versions', { query: { limit, cursor }, schema: gradingRuleSetPageSchema }),
  preview: (rules: GradingRules) =>
    api.post('/grading/rules/preview', { body: { rules }, schema: gradingPreviewSchema }),
  /** Starts the regrade of everyone; follow the job with jobsApi.get. */
  regradeAll: () => api.post('/grading/regrade', { body: {}, schema: regradeStartedSchema }),
  regradeOne: (customerId: string) =>
    api.post('/grading/regrade', { body: { customerId }, schema: customerScoreSchema }),
  score: (customerId: string) => api.get(`/customers/${customerId}/score`, { schema: customerScoreSchema }),
  override: (customerId: string, body: GradeOverrideRequest) =>
    api.post(`/customers/${customerId}/grade-override`, { body, schema: customerScoreSchema }),
  removeOverride: (customerId: string, field: OverridableField) =>
    api.delete(`/customers/${customerId}/grade-override/${field}`, { schema: customerScoreSchema }),
  standards: () => api.get('/grading/service-standards', { schema: serviceStandardListSchema }),
  saveStandards: (items: UpdateServiceStandardsRequest['items']) =>
    request('PUT', '/grading/service-standards', { body: { items }, schema: serviceStandardListSchema }),
  distribution: () => api.get('/grading/distribution', { schema: gradeDistributionSchema }),
};
