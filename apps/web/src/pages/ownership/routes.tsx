import type { Role } from '@weixi/shared';
import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { useCurrentUser } from '../../auth/current-user';
import { RequireRole } from '../../auth/guards';

const PoolPage = lazy(() => import('./PoolPage'));
const TransfersPage = lazy(() => import('./TransfersPage'));
const PoolSettingsPage = lazy(() => import('./PoolSettingsPage'));

// Mirrors ownership.policy.ts: the server refuses the others anyway; they get a plain "no access".
const frontLine: readonly Role[] = [
  'admin',
  'executive',
  'department_manager',
  'account_manager',
  'service_agent',
];
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];

function Only({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return (
    <RequireRole me={useCurrentUser()} roles={roles}>
      {children}
    </RequireRole>
  );
}

/** Ownership and the public pool (公海池), under the grading module's path; pool rules under admin. */
export const ownershipRoutes: RouteObject[] = [
  {
    path: 'grading/pool',
    element: (
      <Only roles={frontLine}>
        <PoolPage />
      </Only>
    ),
  },
  {
    path: 'grading/transfers',
    element: (
      <Only roles={managers}>
        <TransfersPage />
      </Only>
    ),
  },
  {
    path: 'admin/pool-settings',
    element: (
      <Only roles={['admin']}>
        <PoolSettingsPage />
      </Only>
    ),
  },
];
