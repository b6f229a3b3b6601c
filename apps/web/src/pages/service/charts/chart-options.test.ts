import { describe, expect, it } from 'vitest';
import {
  asPercent,
  countEntries,
  csatBarOption,
  csatByGroupOption,
  monthTrendOption,
  npsGroups,
  ratesByGroupOption,
  recurringCauses,
  rootCauseStackOption,
  type ServiceChartOption,
} from './chart-options';

type Series = {
  type?: string;
  name?: string;
  data?: unknown[];
  stack?: string;
  markLine?: { data?: unknown[] };
};
const seriesOf = (o: ServiceChartOption): Series[] => (Array.isArray(o.series) ? (o.series as Series[]) : []);

describe('target markLine', () => {
  it('draws the 90% target on the CSAT-by-group bars', () => {
    const o = csatByGroupOption(
      [
        { label: '张三', csat: 95 },
        { label: '李四', csat: 80 },
        { label: '王五', csat: null },
      ],
      90,
      { series: '满意度', target: '目标 90%' },
    );
    const [bars] = seriesOf(o);
    expect(bars?.type).toBe('bar');
    expect(bars?.markLine?.data).toEqual([{ yAxis: 90, name: '目标 90%' }]);
    const colors = ((bars?.data ?? []) as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
    expect(colors[0]).not.toBe(colors[1]);
  });

  it('draws the target on the month trend CSAT line', () => {
    const o = monthTrendOption([{ label: '2026-10', csat: 92, breachRate: 10, reopenRate: 5 }], 90, {
      csat: 'CSAT',
      breach: '超时率',
      reopen: '重开率',
      target: '目标',
    });
    const s = seriesOf(o);
    expect(s.map((x) => x.type)).toEqual(['line', 'line', 'line']);
    expect(s[0]?.markLine?.data).toEqual([{ yAxis: 90, name: '目标' }]);
    expect(s[1]?.data).toEqual([10]);
    expect(s[2]?.data).toEqual([5]);
  });

  it('draws the target across the survey CSAT bar on the x axis', () => {
    const s = seriesOf(csatBarOption(87.5, 90, { series: 'CSAT', target: '目标' }));
    expect(s[0]?.markLine?.data).toEqual([{ xAxis: 90, name: '目标' }]);
    expect(((s[0]?.data ?? []) as { value: number }[])[0]?.value).toBe(87.5);
  });
});

describe('rates and figures', () => {
  it('turns shares into percentages, leaving gaps for no data', () => {
    expect(asPercent(0.1234)).toBe(12.3);
    expect(asPercent(null)).toBeNull();
    const s = seriesOf(
      ratesByGroupOption([{ label: 'a', breachRate: 25, reopenRate: null }], { breach: 'b', reopen: 'r' }),
    );
    expect(s[0]?.data).toEqual([25]);
    expect(s[1]?.data).toEqual(['-']);
  });

  it('groups NPS answers', () => {
    const counts = new Map([
      ['10', 3],
      ['9', 1],
      ['8', 2],
      ['7', 1],
      ['6', 2],
      ['0', 1],
    ]);
    expect(npsGroups(counts)).toEqual({ promoters: 4, passives: 3, detractors: 3 });
  });

  it('reads counts in either shape, keeping the given order', () => {
    expect(countEntries({ '5': 2, '1': 1 }, ['1', '2', '3', '4', '5'])).toEqual([
      { name: '1', count: 1 },
      { name: '2', count: 0 },
      { name: '3', count: 0 },
      { name: '4', count: 0 },
      { name: '5', count: 2 },
    ]);
    expect(countEntries([{ option: '电话', count: 3 }])).toEqual([{ name: '电话', count: 3 }]);
  });
});

describe('root causes', () => {
  const causes = [
    { id: 'a', name: '物流延误', total: 9, counts: [3, 3, 3] },
    { id: 'b', name: '质量问题', total: 4, counts: [0, 4, 0] },
    { id: 'c', name: '沟通不畅', total: 2, counts: [1, 0, 1] },
  ];

  it('stacks the top causes and folds the rest into "other"', () => {
    const s = seriesOf(rootCauseStackOption(['10月', '11月', '12月'], causes, { other: '其他' }, 2));
    expect(s.map((x) => x.name)).toEqual(['物流延误', '质量问题', '其他']);
    expect(s.every((x) => x.stack === 'causes')).toBe(true);
    expect(s[2]?.data).toEqual([1, 0, 1]);
  });

  it('marks a cause seen in three periods as recurring', () => {
    expect([...recurringCauses(causes, 3)]).toEqual(['a']);
    expect([...recurringCauses(causes, 3, 2)].sort()).toEqual(['a', 'c']);
  });
});
