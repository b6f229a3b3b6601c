import type { Ctx } from '../../../http/context';
import { updateUser } from './update-user';

/**
 * DELETE disables rather than erases: a user's name stays on the customers, visits and audit
 * entries they touched. Disabling ends their sessions and blocks sign-in.
 */
export function disableUser(ctx: Ctx, id: string, version: number) {
  return updateUser(ctx, id, version, { status: 'disabled' });
}
