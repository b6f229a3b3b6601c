import { lazy, type ReactNode } from 'react';
import { Navigate, type RouteObject, useLocation } from 'react-router';
import { useCurrentUser } from '../../auth/current-user';
import { RequireRole } from '../../auth/guards';

const EngagementPage = lazy(() => import('./EngagementPage'));
const VisitPage = lazy(() => import('./visits/VisitPage'));
const EngagementSettingsPage = lazy(() => import('./admin/EngagementSettingsPage'));
const OutboxPage = lazy(() => import('./admin/OutboxPage'));

function AdminOnly({ children }: { children: ReactNode }) {
  return (
    <RequireRole me={useCurrentUser()} roles={['admin']}>
      {children}
    </RequireRole>
  );
}

/** /engagement opens the follow-ups, keeping a query such as ?due=overdue from a reminder's link. */
function ToFollowUps() {
  const { search } = useLocation();
  return <Navigate to={`/engagement/follow-ups${search}`} replace />;
}

/**
 * 跟进与拜访: one page with the follow-ups, visits, tasks and interactions tabs (the tab in the
 * path, so reminders can link to /engagement/tasks/<id>), a page per visit for check-in and the
 * report, and two administration pages.
 */
export const engagementRoutes: RouteObject[] = [
  { path: 'engagement', element: <ToFollowUps /> },
  { path: 'engagement/visits/:visitId', element: <VisitPage /> },
  { path: 'engagement/tasks/:taskId', element: <EngagementPage /> },
  { path: 'engagement/:tab', element: <EngagementPage /> },
  {
    path: 'admin/engagement-settings',
    element: (
      <AdminOnly>
        <EngagementSettingsPage />
      </AdminOnly>
    ),
  },
  {
    path: 'admin/outbox',
    element: (
      <AdminOnly>
        <OutboxPage />
      </AdminOnly>
    ),
  },
];
