import { AppError } from '../../../http/app-error';
import type { Actor } from '../../../http/context';

export type JobAction = 'jobs.manage';

/**
 * Administrators see and retry every job. Anyone may follow a job they started themselves; that
 * check is on the record (getJob), and anyone else is told the job does not exist.
 */
export function can(actor: Actor, action: JobAction): boolean {
  switch (action) {
    case 'jobs.manage':
      return actor.role === 'admin';
  }
}

export function assertCan(actor: Actor, action: JobAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (${action})`);
}
