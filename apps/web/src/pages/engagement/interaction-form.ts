import {
  type GuideTopic,
  guideTopics,
  type InteractionChannel,
  type InteractionDirection,
} from '@weixi/shared';

/** The quick-log form's values, with dates already written as the API wants them. */
export interface InteractionFormValues {
  customerId: string | null;
  channel: InteractionChannel;
  direction: InteractionDirection;
  /** ISO date-time, or null when the picker was cleared. */
  occurredAt: string | null;
  summary: string;
  needsFound: string;
  nextStep: string;
  guide: GuideTopic[];
  contactIds: string[];
  staffIds: string[];
  makeTask: boolean;
  taskTitle: string;
  /** YYYY-MM-DD. */
  taskDueOn: string | null;
}

/**
 * The body of POST /interactions (checked afterwards with the shared schema, which reports missing
 * values beside their fields). The logger is always a participant on the server, so leaving
 * oneself in the colleagues list changes nothing; it is dropped to keep the request honest.
 */
export function interactionRequest(v: InteractionFormValues, selfId: string): Record<string, unknown> {
  const guide = Object.fromEntries(guideTopics.map((g) => [g, v.guide.includes(g)]));
  const body: Record<string, unknown> = {
    customerId: v.customerId ?? undefined,
    channel: v.channel,
    direction: v.direction,
    occurredAt: v.occurredAt ?? undefined,
    summary: v.summary,
    needsFound: v.needsFound,
    nextStep: v.nextStep,
    guide,
    contactIds: v.contactIds,
    staffIds: v.staffIds.filter((id) => id !== selfId),
  };
  if (v.makeTask) {
    const title = v.taskTitle.trim();
    body.nextStepTask = {
      ...(title ? { title } : {}),
      dueOn: v.taskDueOn ?? undefined,
    };
  }
  return body;
}

/** Server paths whose form field is spelled differently. */
export const interactionAliases: Readonly<Record<string, string>> = {
  'nextStepTask.dueOn': 'taskDueOn',
  'nextStepTask.title': 'taskTitle',
  nextStepTask: 'taskDueOn',
  'guide.business': 'guide',
  'guide.needs': 'guide',
  'guide.rapport': 'guide',
  'guide.value': 'guide',
};

/** Multi-selects: an issue on one item belongs to the whole input. */
export const interactionListFields = ['contactIds', 'staffIds', 'guide'] as const;

/** "3+1" (DOMAIN §3): about 30% business, 30% latent needs, 30% rapport, 10% value delivered. */
export const guideShares: Record<GuideTopic, number> = { business: 30, needs: 30, rapport: 30, value: 10 };

/** How much of the 3+1 conversation the ticked topics cover, in percent. */
export function guideCoverage(topics: readonly GuideTopic[]): number {
  return [...new Set(topics)].reduce((sum, g) => sum + guideShares[g], 0);
}

/** The guide as stored (four booleans) back to the ticked topics, in the guide's order. */
export function guideTopicsOf(guide: Partial<Record<GuideTopic, boolean>> | null | undefined): GuideTopic[] {
  return guideTopics.filter((g) => guide?.[g] === true);
}
