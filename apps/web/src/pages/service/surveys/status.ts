import type { SurveyStatus } from '@weixi/shared';

/** Tag colours of a survey's status: drafts neutral, active green, archived grey. */
export const statusColors: Record<SurveyStatus, string> = {
  draft: 'blue',
  active: 'green',
  archived: 'default',
};
