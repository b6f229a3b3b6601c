import { z } from 'zod';
import { importLimits } from './customer-import';
import { customerLimits } from './customers';

/** Archive settings an administrator changes on /admin/customer-settings; everyone may read them. */
export const customerSettingsSchema = z.object({
  verifyAfterDays: z.number().int().describe('Records not verified in this many days are listed for review'),
  importMaxFileMb: z.number().describe('Largest spreadsheet an import upload accepts, in MB'),
});
export type CustomerSettings = z.infer<typeof customerSettingsSchema>;

export const updateCustomerSettingsRequestSchema = z.strictObject({
  verifyAfterDays: z
    .number()
    .int()
    .min(customerLimits.verifyAfterDaysMin)
    .max(customerLimits.verifyAfterDaysMax)
    .optional(),
  importMaxFileMb: z
    .number()
    .int()
    .min(importLimits.maxFileMbMin)
    .max(importLimits.maxFileMbMax)
    .optional()
    .describe('Whole megabytes; what a server and its proxy accept may set a lower bound in practice'),
});
export type UpdateCustomerSettingsRequest = z.infer<typeof updateCustomerSettingsRequestSchema>;
