import type { DataScope } from '@weixi/domain';
import type { FieldIssue, Visit, visitReportRequestSchema } from '@weixi/shared';
import type { z } from 'zod';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../engagement.policy';
import { contactsOfCustomer } from '../interactions.repository';
import { assertIsVisitor, visitForChange } from '../visit-rules';
import { auditVisit } from '../visits.presenter';
import { updateVisit } from '../visits.repository';
import { businessToday, dateIssue, invalidTransition, throwIfIssues } from '../work-rules';
import { createTask } from './create-task';
import { getVisit } from './get-visit';
import { logInteraction } from './log-interaction';
import { visitDetails } from './visit-details';

export type VisitReport = Omit<z.output<typeof visitReportRequestSchema>, 'version'>;

/**
 * The visitor's report (拜访报告) — only theirs: a manager cannot report what someone else saw. It
 * logs the visit as an interaction through the same path as any other (so it counts as a
 * follow-up and shows once on the timeline) and turns each commitment into a task.
 */
export async function reportVisit(ctx: Ctx, id: string, version: number, input: VisitReport): Promise<Visit> {
  assertCan(ctx.actor, 'plan_visit');
  const current = await visitForChange(ctx, id, version, { writesCustomer: true });
  assertIsVisitor(ctx, current, 'report on this visit');
  if (current.status !== 'planned' && current.status !== 'checked_in')
    throw invalidTransition('visit', current.status, 'reported');

  const contactIds = input.receivedBy.flatMap((r) => (r.contactId ? [r.contactId] : []));
  const known = await contactsOfCustomer(ctx.db, current.customer_id, contactIds);
  const today = businessToday(ctx);
  const issues: FieldIssue[] = [
    ...input.receivedBy.flatMap((r, n) =>
      r.contactId && !known.has(r.contactId)
        ? [
            {
              path: `receivedBy.${n}.contactId`,
              code: 'not_found',
              message: 'not a contact of this customer',
            },
          ]
        : [],
    ),
    ...input.commitments.flatMap((c, n) => dateIssue(`commitments.${n}.dueOn`, c.dueOn, today) ?? []),
  ];
  throwIfIssues(issues);

  const now = ctx.clock.now();
  // The visitor was sent to this customer, perhaps by a manager, whether or not it is in their own
  // scope: the report's interaction is logged for it all the same.
  const sent = { ...ctx, scope: () => Promise.resolve<DataScope>({ kind: 'all' }) };
  const interaction = await logInteraction(
    sent,
    {
      customerId: current.customer_id,
      channel: 'visit',
      direction: 'outbound',
      occurredAt: (current.check_in_at ?? now).toISOString(),
      summary: input.summary,
      needsFound: input.needs,
      nextStep: '',
      guide: input.guide,
      contactIds: [...new Set(contactIds)],
      staffIds: [],
    },
    { visitId: current.id },
  );
  for (const [n, c] of input.commitments.entries())
    await createTask(
      ctx,
      {
        title: c.title,
        customerId: current.customer_id,
        ownerId: c.ownerId,
        dueOn: c.dueOn,
        source: 'visit',
        sourceId: id,
      },
      { path: `commitments.${n}`, customerChecked: true },
    );

  const [before] = await visitDetails(ctx.db, [current]);
  const patch = {
    status: 'reported',
    received_by: JSON.stringify(
      input.receivedBy.map((r) => ({
        name: r.name,
        position: r.position,
        decisionAuthority: r.decisionAuthority,
        contactId: r.contactId ?? null,
      })),
    ),
    needs: input.needs,
    problems: input.problems,
    objections: input.objections,
    prospects: input.prospects,
    competitor_info: input.competitorInfo,
    credit_change: input.creditChange,
    credit_change_cause: input.creditChangeCause,
    report_summary: input.summary,
    reported_at: now,
  };
  if (!(await updateVisit(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Visit', version + 1);
  const after = await getVisit(ctx, id);
  await recordAudit(ctx, {
    action: 'visit.report',
    entity: 'customer',
    entityId: current.customer_id,
    before: auditVisit(before!),
    after: { ...auditVisit(after), interactionId: interaction.id },
  });
  return after;
}
