import type { ServiceSettingsView } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { presentServiceSettings } from '../settings.presenter';
import { readServiceSettings } from './read-service-settings';

/** Everyone signed in may read the service standard they work under (timers, reopen window). */
export async function getServiceSettings(ctx: Ctx): Promise<ServiceSettingsView> {
  return presentServiceSettings(await readServiceSettings(ctx));
}
