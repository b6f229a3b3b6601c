// Service tickets (投诉 / 售后工单, DOMAIN §5): the lists every layer shares. The rules over them
// are in packages/domain/src/tickets.ts; the API schemas follow below.

export const ticketKinds = ['complaint', 'service_request', 'question'] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketChannels = ['phone', 'email', 'online', 'wechat', 'visit'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

export const ticketPriorities = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export const ticketStatuses = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses in which the ticket is still being worked, and its clocks may run. */
export const openTicketStatuses = [
  'new',
  'acknowledged',
  'in_progress',
] as const satisfies readonly TicketStatus[];

/** The service process in order: confirm the need → agree a plan with the customer → deliver → collect feedback. */
export const ticketStages = ['confirm_need', 'agree_plan', 'deliver', 'collect_feedback'] as const;
export type TicketStage = (typeof ticketStages)[number];

export const ticketActions = ['acknowledge', 'start', 'resolve', 'close', 'reopen'] as const;
export type TicketAction = (typeof ticketActions)[number];

export const slaClockModes = ['business', 'calendar'] as const;
export type SlaClockMode = (typeof slaClockModes)[number];
