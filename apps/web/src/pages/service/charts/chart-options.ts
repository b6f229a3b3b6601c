import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/**
 * ECharts options of the service pages, built by pure functions so the tests can check what is
 * drawn (the satisfaction target line above all) without a canvas. Labels come in translated.
 */
export type ServiceChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;

export const chartColors = {
  good: '#389e0d',
  bad: '#cf1322',
  warn: '#d48806',
  neutral: '#8c8c8c',
  primary: '#1677ff',
  target: '#cf1322',
};

/** Shares 0–1 as percentages with one decimal; null stays null (a gap, not a zero). */
export const asPercent = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

export const roundOne = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : Math.round(v * 10) / 10;

/** The dashed line at the satisfaction target (DOMAIN §5: ≥ 90 %), on the value axis. */
export function targetMarkLine(
  target: number,
  label: string,
  axis: 'yAxis' | 'xAxis' = 'yAxis',
): NonNullable<BarSeriesOption['markLine']> {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: chartColors.target, type: 'dashed', width: 2 },
    label: { formatter: label, position: axis === 'yAxis' ? 'insideEndTop' : 'end' },
    data: [axis === 'yAxis' ? { yAxis: target, name: label } : { xAxis: target, name: label }],
  };
}

export interface CsatGroup {
  label: string;
  csat: number | null;
  responses?: number;
}

/** CSAT % per group as bars, green at or above the target, red below, with the target line. */
export function csatByGroupOption(
  groups: readonly CsatGroup[],
  target: number,
  text: { series: string; target: string },
): ServiceChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v ?? '—'}%` },
    grid: { left: 48, right: 24, top: 32, bottom: 48 },
    xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: text.series,
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: '{c}%' },
        data: groups.map((g) => {
          const v = roundOne(g.csat);
          return {
            value: v ?? '-',
            itemStyle: {
              color: v === null ? chartColors.neutral : v >= target ? chartColors.good : chartColors.bad,
            },
          };
        }),
        markLine: targetMarkLine(target, text.target),
      },
    ],
  };
}

/** Breach and reopen rates are percentages 0–100, as the figures endpoint sends them. */
export interface RateGroup {
  label: string;
  breachRate: number | null;
  reopenRate: number | null;
}

/** Breach and reopen rates (%) per group, side by side. */
export function ratesByGroupOption(
  groups: readonly RateGroup[],
  text: { breach: string; reopen: string },
): ServiceChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v ?? '—'}%` },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: text.breach,
        type: 'bar',
        barMaxWidth: 32,
        itemStyle: { color: chartColors.bad },
        data: groups.map((g) => roundOne(g.breachRate) ?? '-'),
      },
      {
        name: text.reopen,
        type: 'bar',
        barMaxWidth: 32,
        itemStyle: { color: chartColors.warn },
        data: groups.map((g) => roundOne(g.reopenRate) ?? '-'),
      },
    ],
  };
}

export interface TrendPoint extends CsatGroup, RateGroup {}

/** Month by month: CSAT %, breach rate and reopen rate as lines, the target line on CSAT. */
export function monthTrendOption(
  points: readonly TrendPoint[],
  target: number,
  text: { csat: string; breach: string; reopen: string; target: string },
): ServiceChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v ?? '—'}%` },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => p.label) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: text.csat,
        type: 'line',
        connectNulls: false,
        itemStyle: { color: chartColors.good },
        data: points.map((p) => roundOne(p.csat) ?? '-'),
        markLine: targetMarkLine(target, text.target),
      },
      {
        name: text.breach,
        type: 'line',
        itemStyle: { color: chartColors.bad },
        data: points.map((p) => roundOne(p.breachRate) ?? '-'),
      },
      {
        name: text.reopen,
        type: 'line',
        itemStyle: { color: chartColors.warn },
        data: points.map((p) => roundOne(p.reopenRate) ?? '-'),
      },
    ],
  };
}

/** The survey's CSAT as one horizontal bar on 0–100 % with the target line across it. */
export function csatBarOption(
  csat: number | null,
  target: number,
  text: { series: string; target: string },
): ServiceChartOption {
  const v = roundOne(csat);
  return {
    tooltip: { trigger: 'item', valueFormatter: (x) => `${x ?? '—'}%` },
    grid: { left: 16, right: 48, top: 28, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: [text.series] },
    series: [
      {
        name: text.series,
        type: 'bar',
        barWidth: 28,
        label: { show: v !== null, position: 'right', formatter: '{c}%' },
        data: [
          {
            value: v ?? 0,
            itemStyle: {
              color: v === null ? chartColors.neutral : v >= target ? chartColors.good : chartColors.bad,
            },
          },
        ],
        markLine: targetMarkLine(target, text.target, 'xAxis'),
      },
    ],
  };
}

export interface NpsGroups {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Counts of NPS answers (score → count) cut into promoters (9–10), passives (7–8), detractors (0–6). */
export function npsGroups(counts: ReadonlyMap<string, number>): NpsGroups {
  const g: NpsGroups = { promoters: 0, passives: 0, detractors: 0 };
  for (const [score, n] of counts) {
    const s = Number(score);
    if (!Number.isInteger(s) || s < 0 || s > 10) continue;
    if (s >= 9) g.promoters += n;
    else if (s >= 7) g.passives += n;
    else g.detractors += n;
  }
  return g;
}

export function npsGroupsOption(
  g: NpsGroups,
  text: { promoters: string; passives: string; detractors: string },
): ServiceChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: [
          { name: text.promoters, value: g.promoters, itemStyle: { color: chartColors.good } },
          { name: text.passives, value: g.passives, itemStyle: { color: chartColors.neutral } },
          { name: text.detractors, value: g.detractors, itemStyle: { color: chartColors.bad } },
        ],
      },
    ],
  };
}

/** Answers per value (scores or options) as bars; `colorOf` colours a score band. */
export function distributionOption(
  entries: readonly { name: string; count: number }[],
  text: { series: string },
  colorOf?: (name: string) => string,
): ServiceChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: entries.map((e) => e.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: text.series,
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: entries.map((e) => ({
          value: e.count,
          itemStyle: { color: colorOf ? colorOf(e.name) : chartColors.primary },
        })),
      },
    ],
  };
}

export interface RootCauseSeries {
  id: string;
  name: string;
  total: number;
  counts: number[];
}

/**
 * Root causes per period as stacked bars: the `top` most frequent causes by name, the rest in
 * one "other" band, so a cause that keeps coming back stands out instead of drowning in colours.
 */
export function rootCauseStackOption(
  periods: readonly string[],
  causes: readonly RootCauseSeries[],
  text: { other: string },
  top = 8,
): ServiceChartOption {
  const sorted = [...causes].sort((a, b) => b.total - a.total);
  const shown = sorted.slice(0, top);
  const rest = sorted.slice(top);
  const series: BarSeriesOption[] = shown.map((c) => ({
    name: c.name,
    type: 'bar',
    stack: 'causes',
    emphasis: { focus: 'series' },
    data: periods.map((_, i) => c.counts[i] ?? 0),
  }));
  if (rest.length > 0) {
    series.push({
      name: text.other,
      type: 'bar',
      stack: 'causes',
      itemStyle: { color: chartColors.neutral },
      data: periods.map((_, i) => rest.reduce((sum, c) => sum + (c.counts[i] ?? 0), 0)),
    });
  }
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: [...periods] },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

/**
 * A cause "recurs" when it appears in at least `minPeriods` periods (default: 3, or every period
 * of a shorter report): those are the ones DOMAIN §5 wants found and removed.
 */
export function recurringCauses(
  causes: readonly RootCauseSeries[],
  periods: number,
  minPeriods = Math.min(3, Math.max(periods, 1)),
): Set<string> {
  return new Set(causes.filter((c) => c.counts.filter((n) => n > 0).length >= minPeriods).map((c) => c.id));
}

/** A question's counts in the shapes the contract allows (record or list), in a stable order. */
export function countEntries(
  raw:
    | Record<string, number>
    | readonly { value?: number | string; option?: string; count: number }[]
    | undefined,
  order: readonly string[] = [],
): { name: string; count: number }[] {
  const map = new Map<string, number>();
  for (const name of order) map.set(name, 0);
  if (Array.isArray(raw)) {
    for (const e of raw) map.set(String(e.option ?? e.value ?? ''), e.count);
  } else if (raw) {
    for (const [k, v] of Object.entries(raw)) map.set(k, v);
  }
  return [...map].map(([name, count]) => ({ name, count }));
}
