import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const ServiceQueuePage = lazy(() => import('./ServiceQueuePage'));
const TicketPage = lazy(() => import('./TicketPage'));

/** 客服工单: the queue (at /service and /service/tickets) and a page per ticket. */
export const serviceRoutes: RouteObject[] = [
  { path: 'service', element: <ServiceQueuePage /> },
  { path: 'service/tickets', element: <ServiceQueuePage /> },
  { path: 'service/tickets/:ticketId', element: <TicketPage /> },
];
