import type { EngagementSettings } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { readEngagementSettings } from './read-engagement-settings';

/** Everyone signed in may read the rules they work under (the forms show the limits). */
export async function getEngagementSettings(ctx: Ctx): Promise<EngagementSettings> {
  return readEngagementSettings(ctx);
}
