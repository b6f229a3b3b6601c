import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isApiError } from './api/client';
import { useCurrentUser } from './auth/current-user';
import { RequireAuth, RequireRole } from './auth/guards';
import { installSessionHandling, onSessionLost } from './auth/session';
import { NotFoundResult } from './components/Results';
import { LocaleProvider } from './i18n/LocaleProvider';
import { AppLayout } from './layout/AppLayout';
import { type ModuleKey, moduleKeys, modulePaths } from './layout/nav';
import ComingSoonPage from './pages/ComingSoonPage';
import { customerRoutes } from './pages/customers/routes';
import { QuickLogProvider } from './pages/engagement/quick-log/QuickLogProvider';
import { engagementRoutes } from './pages/engagement/routes';
import { gradingRoutes } from './pages/grading/routes';
import LoginPage from './pages/LoginPage';
import { loyaltyRoutes } from './pages/loyalty/routes';
import { ownershipRoutes } from './pages/ownership/routes';
import { serviceAdminRoutes } from './pages/service/admin-routes';
import { serviceRoutes } from './pages/service/routes';

const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const DepartmentsPage = lazy(() => import('./pages/admin/DepartmentsPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const ProfilePage = lazy(() => import('./pages/account/ProfilePage'));
const AboutPage = lazy(() => import('./pages/account/AboutPage'));
const CustomFieldsPage = lazy(() => import('./pages/admin/CustomFieldsPage'));
const CustomerSettingsPage = lazy(() => import('./pages/admin/CustomerSettingsPage'));
const JobsPage = lazy(() => import('./pages/admin/JobsPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const WorkbenchPage = lazy(() => import('./pages/workbench/WorkbenchPage'));

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err) => onSessionLost(queryClient, err) }),
  mutationCache: new MutationCache({ onError: (err) => onSessionLost(queryClient, err) }),
  defaultOptions: {
    queries: {
      // 4xx answers will not change on retry; network blips and 5xx might.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});
installSessionHandling(queryClient);

/** Modules whose pages exist; the others show their "coming soon" page. */
const builtModules = new Set<ModuleKey>([
  'workbench',
  'customers',
  'grading',
  'engagement',
  'service',
  'loyalty',
]);

function ModulePage({ module }: { module: ModuleKey }) {
  return <ComingSoonPage module={module} me={useCurrentUser()} />;
}

function AdminOnly({ children }: { children: ReactNode }) {
  return (
    <RequireRole me={useCurrentUser()} roles={['admin']}>
      {children}
    </RequireRole>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        {(me) => (
          // One quick-log dialog (记一笔) for every signed-in page.
          <QuickLogProvider>
            <AppLayout me={me} />
          </QuickLogProvider>
        )}
      </RequireAuth>
    ),
    children: [
      ...moduleKeys
        .filter((module) => !builtModules.has(module))
        .map((module) => ({ path: modulePaths[module].slice(1), element: <ModulePage module={module} /> })),
      { index: true, element: <WorkbenchPage /> },
      ...customerRoutes,
      ...engagementRoutes,
      ...gradingRoutes,
      ...loyaltyRoutes,
      ...ownershipRoutes,
      ...serviceRoutes,
      ...serviceAdminRoutes,
      {
        path: 'admin/users',
        element: (
          <AdminOnly>
            <UsersPage />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/departments',
        element: (
          <AdminOnly>
            <DepartmentsPage />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/custom-fields',
        element: (
          <AdminOnly>
            <CustomFieldsPage />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/customer-settings',
        element: (
          <AdminOnly>
            <CustomerSettingsPage />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <AdminOnly>
            <AuditPage />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/jobs',
        element: (
          <AdminOnly>
            <JobsPage />
          </AdminOnly>
        ),
      },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'about', element: <AboutPage /> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);

export function Root() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
