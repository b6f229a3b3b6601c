import { customerCategories, customerGrades, customerSources, valueTiers } from '@weixi/shared';
import type { PoolFilters } from '../../api/ownership';

export type PoolTab = 'pool' | 'at-risk';
const sorts = ['relevance', '-updatedAt', 'name', '-createdAt'] as const;

/** Comma lists keep only the values the server accepts, so a hand-edited URL cannot make it fail. */
function csv(value: string | null, allowed: readonly string[]): string | undefined {
  if (!value) return undefined;
  const kept = [...new Set(value.split(',').filter((v) => allowed.includes(v)))];
  return kept.length > 0 ? kept.join(',') : undefined;
}

/** The pool page's state lives in the URL: links from notifications and Back open the same view. */
export function parsePoolState(params: URLSearchParams): { tab: PoolTab; filters: PoolFilters } {
  const tab: PoolTab = params.get('tab') === 'at-risk' ? 'at-risk' : 'pool';
  const q = params.get('q')?.trim().slice(0, 100) || undefined;
  const sortParam = params.get('sort');
  const sort = (sorts as readonly string[]).includes(sortParam ?? '')
    ? (sortParam as PoolFilters['sort'])
    : undefined;
  const filters: PoolFilters = {};
  if (q) filters.q = q;
  const grade = csv(params.get('grade'), customerGrades);
  const category = csv(params.get('category'), customerCategories);
  const valueTier = csv(params.get('valueTier'), valueTiers);
  const source = csv(params.get('source'), customerSources);
  if (grade) filters.grade = grade;
  if (category) filters.category = category;
  if (valueTier) filters.valueTier = valueTier;
  if (source) filters.source = source;
  // Relevance needs a search term; without one the server would refuse it.
  if (sort && !(sort === 'relevance' && !q)) filters.sort = sort;
  return { tab, filters };
}

export function toPoolParams(tab: PoolTab, filters: PoolFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (tab !== 'pool') out.set('tab', tab);
  for (const [k, v] of Object.entries(filters)) if (v) out.set(k, String(v));
  return out;
}

export const activePoolFilters = (f: PoolFilters) =>
  [f.grade, f.category, f.valueTier, f.source].filter((v) => v !== undefined).length;

/** A problem+json of a failed claim, reduced to what the page says about it. */
export type ClaimProblem =
  | { kind: 'taken'; index: number | null }
  | { kind: 'limit' }
  | { kind: 'cooldown'; index: number | null }
  | { kind: 'gone' }
  | { kind: 'other' };

export function claimProblem(err: { code: string; fieldErrors: { path: string }[] }): ClaimProblem {
  const index = (() => {
    const m = /^customerIds\.(\d+)$/.exec(err.fieldErrors[0]?.path ?? '');
    return m ? Number(m[1]) : err.fieldErrors[0]?.path === 'customerId' ? 0 : null;
  })();
  switch (err.code) {
    case 'already_owned':
      return { kind: 'taken', index };
    case 'claim_limit_reached':
      return { kind: 'limit' };
    case 'reclaim_cooldown':
      return { kind: 'cooldown', index };
    case 'not_found':
      return { kind: 'gone' };
    default:
      return { kind: 'other' };
  }
}
