import type { Role } from '@weixi/shared';
import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { useCurrentUser } from '../../auth/current-user';
import { RequireRole } from '../../auth/guards';
import { serviceFrontLine } from './admin-permissions';

const ServiceSettingsPage = lazy(() => import('./settings/ServiceSettingsPage'));
const ServiceListsPage = lazy(() => import('./settings/ServiceListsPage'));
const ReplyTemplatesPage = lazy(() => import('./templates/ReplyTemplatesPage'));
const SurveysPage = lazy(() => import('./surveys/SurveysPage'));
const SurveyBuilderPage = lazy(() => import('./surveys/SurveyBuilderPage'));
const SurveyResultsPage = lazy(() => import('./surveys/SurveyResultsPage'));
const ServiceFiguresPage = lazy(() => import('./figures/ServiceFiguresPage'));

function Only({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return (
    <RequireRole me={useCurrentUser()} roles={roles}>
      {children}
    </RequireRole>
  );
}

const admin: readonly Role[] = ['admin'];

/**
 * The service module's administration and reporting pages: 服务标准设置 and the managed lists
 * (admin), 标准服务用语, 满意度调查 (builder: admin) and 服务数据 (front line; the server scopes
 * the figures to what each role may see).
 */
export const serviceAdminRoutes: RouteObject[] = [
  {
    path: 'admin/service-settings',
    element: (
      <Only roles={admin}>
        <ServiceSettingsPage />
      </Only>
    ),
  },
  {
    path: 'admin/service-lists',
    element: (
      <Only roles={admin}>
        <ServiceListsPage />
      </Only>
    ),
  },
  {
    path: 'service/templates',
    element: (
      <Only roles={serviceFrontLine}>
        <ReplyTemplatesPage />
      </Only>
    ),
  },
  {
    path: 'service/surveys',
    element: (
      <Only roles={serviceFrontLine}>
        <SurveysPage />
      </Only>
    ),
  },
  {
    path: 'service/surveys/new',
    element: (
      <Only roles={admin}>
        <SurveyBuilderPage />
      </Only>
    ),
  },
  {
    path: 'service/surveys/:surveyId/edit',
    element: (
      <Only roles={admin}>
        <SurveyBuilderPage />
      </Only>
    ),
  },
  {
    path: 'service/surveys/:surveyId',
    element: (
      <Only roles={serviceFrontLine}>
        <SurveyResultsPage />
      </Only>
    ),
  },
  {
    path: 'service/figures',
    element: (
      <Only roles={serviceFrontLine}>
        <ServiceFiguresPage />
      </Only>
    ),
  },
];
