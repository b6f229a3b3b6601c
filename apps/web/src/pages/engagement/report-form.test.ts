import { visitReportRequestSchema } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import { type ReportFormValues, reportRequest } from './report-form';

const contactId = '0190a0b2-7c3e-7000-8000-000000000c01';
const values = (patch: Partial<ReportFormValues> = {}): ReportFormValues => ({
  receivedBy: [{ name: '王建国', position: '采购部经理', decisionAuthority: true, contactId }],
  needs: '明年一季度扩产，需要两条新线的配套',
  problems: '',
  objections: '担心交期',
  prospects: '',
  competitorInfo: '',
  creditChange: 'none',
  creditChangeCause: '',
  summary: '客户确认扩产计划，约定下周提交方案',
  guide: ['business', 'needs', 'rapport'],
  commitments: [{ title: '提交扩产配套方案', dueOn: '2026-12-10', ownerId: null }],
  ...patch,
});

describe('reportRequest', () => {
  it('builds a report the shared schema accepts', () => {
    const body = reportRequest(values(), 3);
    expect(visitReportRequestSchema.safeParse(body).success).toBe(true);
    expect(body.version).toBe(3);
    expect(body.receivedBy).toEqual([
      { name: '王建国', position: '采购部经理', decisionAuthority: true, contactId },
    ]);
    // No owner given: the visitor keeps the promise (the server's default).
    expect(body.commitments).toEqual([{ title: '提交扩产配套方案', dueOn: '2026-12-10' }]);
    expect(body.guide).toEqual({ business: true, needs: true, rapport: true, value: false });
  });

  it('drops rows left empty at the end, keeping the others where they are on screen', () => {
    const body = reportRequest(
      values({
        receivedBy: [{ name: '' }, { name: '李娜', position: '' }, { name: ' ', position: '' }],
        commitments: [
          { title: '', dueOn: '2026-12-11' },
          { title: '', dueOn: null },
        ],
      }),
      1,
    );
    expect((body.receivedBy as unknown[]).length).toBe(2);
    expect((body.commitments as unknown[]).length).toBe(1);
    // The kept empty first row is reported beside its own fields.
    const issues = visitReportRequestSchema
      .safeParse(body)
      .error?.issues.map((i) => i.path.join('.'))
      .sort();
    expect(issues).toEqual(['commitments.0.title', 'receivedBy.0.name']);
  });

  it('keeps a credit change cause only with a change', () => {
    expect(reportRequest(values({ creditChangeCause: '回款延迟' }), 1).creditChangeCause).toBe('');
    expect(
      reportRequest(values({ creditChange: 'worsened', creditChangeCause: '回款延迟两个月' }), 1)
        .creditChangeCause,
    ).toBe('回款延迟两个月');
  });
});
