import { describe, expect, it } from 'vitest';
import { activePoolFilters, claimProblem, parsePoolState, toPoolParams } from './pool-state';

describe('pool page state in the URL', () => {
  it('round-trips tab, search, filters and sort', () => {
    const params = new URLSearchParams('tab=at-risk&q=光电&grade=A,B&category=key&sort=name');
    const state = parsePoolState(params);
    expect(state).toEqual({
      tab: 'at-risk',
      filters: { q: '光电', grade: 'A,B', category: 'key', sort: 'name' },
    });
    expect(parsePoolState(toPoolParams(state.tab, state.filters))).toEqual(state);
    expect(activePoolFilters(state.filters)).toBe(2);
  });

  it('drops what the server would refuse: unknown values, relevance without a term, other tabs', () => {
    const state = parsePoolState(new URLSearchParams('tab=x&grade=Z,A,A&source=nope&sort=relevance'));
    expect(state).toEqual({ tab: 'pool', filters: { grade: 'A' } });
    expect(toPoolParams('pool', {}).toString()).toBe('');
  });
});

describe('claimProblem', () => {
  it('names the problem and the row it concerns', () => {
    expect(claimProblem({ code: 'already_owned', fieldErrors: [{ path: 'customerIds.2' }] })).toEqual({
      kind: 'taken',
      index: 2,
    });
    expect(claimProblem({ code: 'reclaim_cooldown', fieldErrors: [{ path: 'customerId' }] })).toEqual({
      kind: 'cooldown',
      index: 0,
    });
    expect(claimProblem({ code: 'claim_limit_reached', fieldErrors: [] })).toEqual({ kind: 'limit' });
    expect(claimProblem({ code: 'not_found', fieldErrors: [] })).toEqual({ kind: 'gone' });
    expect(claimProblem({ code: 'internal', fieldErrors: [] })).toEqual({ kind: 'other' });
  });
});
