import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const LoyaltyPage = lazy(() => import('./LoyaltyPage'));
const OrderImportPage = lazy(() => import('./OrderImportPage'));

/** 订单与积分: the orders and catalog page, and the order import wizard. */
export const loyaltyRoutes: RouteObject[] = [
  { path: 'loyalty', element: <LoyaltyPage /> },
  { path: 'loyalty/import', element: <OrderImportPage /> },
];
