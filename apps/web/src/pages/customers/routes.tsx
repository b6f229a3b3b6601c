import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const CustomerListPage = lazy(() => import('./CustomerListPage'));
const CustomerDetailPage = lazy(() => import('./CustomerDetailPage'));
const CustomerFormPage = lazy(() => import('./CustomerFormPage'));
const DuplicatesPage = lazy(() => import('./DuplicatesPage'));
const ImportWizardPage = lazy(() => import('./ImportWizardPage'));

/** The customer archive's pages, mounted under the main layout. Fixed paths come before `:id`. */
export const customerRoutes: RouteObject[] = [
  { path: 'customers', element: <CustomerListPage /> },
  { path: 'customers/new', element: <CustomerFormPage /> },
  { path: 'customers/import', element: <ImportWizardPage /> },
  { path: 'customers/duplicates', element: <DuplicatesPage /> },
  { path: 'customers/:id', element: <CustomerDetailPage /> },
  { path: 'customers/:id/edit', element: <CustomerFormPage /> },
];
