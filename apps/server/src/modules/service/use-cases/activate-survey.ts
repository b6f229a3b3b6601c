import type { Survey } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { changeSurvey, wrongStatus } from './change-survey';

/** Opens a draft (or an archived survey again) for sending; its questions are fixed from now on. */
export async function activateSurvey(ctx: Ctx, id: string, version: number): Promise<Survey> {
  return changeSurvey(ctx, id, version, 'survey.activate', (row) => {
    if (row.status === 'active') throw wrongStatus('active', 'The survey is already active');
    return { status: 'active' };
  });
}
