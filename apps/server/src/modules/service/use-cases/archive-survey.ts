import type { Survey } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { changeSurvey, wrongStatus } from './change-survey';

/**
 * Stops sending a survey. Links already sent keep working until they expire: the customer was
 * asked, and their answer still counts.
 */
export async function archiveSurvey(ctx: Ctx, id: string, version: number): Promise<Survey> {
  return changeSurvey(ctx, id, version, 'survey.archive', (row) => {
    if (row.status === 'archived') throw wrongStatus('archived', 'The survey is already archived');
    return { status: 'archived' };
  });
}
