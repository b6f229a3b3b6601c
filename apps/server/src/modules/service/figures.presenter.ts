import type { ServiceFigures, ServiceFiguresRow } from '@weixi/shared';
import type { FiguresAggregate } from './figures.repository';

/** A share in %, one decimal; null when nothing was counted. */
const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part * 1000) / whole) / 10;

/** csatPercent's rule (surveys.ts) on counts: satisfied (4–5) among the answered, not rounded. */
const csat = (satisfied: number, answered: number): number | null =>
  answered === 0 ? null : (satisfied * 100) / answered;

/** npsScore's rule (surveys.ts) on counts: % promoters − % detractors, one decimal. */
const nps = (promoters: number, detractors: number, answered: number): number | null =>
  answered === 0 ? null : Math.round(((promoters - detractors) * 1000) / answered) / 10 + 0;

const ms = (v: number | null): number | null => (v === null ? null : Math.round(v));

type Figures = Omit<ServiceFiguresRow, 'key' | 'label'>;

function figures(a: FiguresAggregate): Figures {
  return {
    tickets: a.tickets,
    firstResponseMedianMs: ms(a.first_response_median_ms),
    resolutionMedianMs: ms(a.resolution_median_ms),
    breachRate: rate(a.breached, a.decided),
    reopenRate: rate(a.reopened, a.resolved_once),
    responses: a.responses,
    csat: csat(a.csat_satisfied, a.csat_answered),
    nps: nps(a.promoters, a.detractors, a.nps_answered),
  };
}

/** Only these numbers leave the server; the satisfaction target is DOMAIN §5's ≥ 90 %. */
export function presentFigures(
  query: Pick<ServiceFigures, 'from' | 'to' | 'groupBy'>,
  rows: readonly FiguresAggregate[],
  totals: FiguresAggregate | undefined,
): ServiceFigures {
  const empty: Figures = {
    tickets: 0,
    firstResponseMedianMs: null,
    resolutionMedianMs: null,
    breachRate: null,
    reopenRate: null,
    responses: 0,
    csat: null,
    nps: null,
  };
  return {
    ...query,
    rows: rows.map((r) => ({ key: r.key, label: r.label, ...figures(r) })),
    totals: totals ? figures(totals) : empty,
    target: { csatPercent: 90 },
  };
}
