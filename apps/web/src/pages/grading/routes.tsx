import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const GradingPage = lazy(() => import('./GradingPage'));
const RulesEditorPage = lazy(() => import('./RulesEditorPage'));
const ServiceStandardsPage = lazy(() => import('./ServiceStandardsPage'));

/**
 * 客户分级: the distribution page, the rules editor and the service standards. The public pool and
 * ownership pages share the /grading family under /grading/pool and /grading/transfers.
 */
export const gradingRoutes: RouteObject[] = [
  { path: 'grading', element: <GradingPage /> },
  { path: 'grading/rules', element: <RulesEditorPage /> },
  { path: 'grading/standards', element: <ServiceStandardsPage /> },
];
