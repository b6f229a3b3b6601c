import { describe, expect, it } from 'vitest';
import { customerListQuery, exportUrl } from '../../../api/customers';
import {
  activeFilterCount,
  differsFromView,
  effectiveSort,
  fromViewQuery,
  highlightDigits,
  highlightText,
  isSearchable,
  type ListState,
  parseListState,
  toSearchParams,
  toViewQuery,
  withCustomFilter,
  withFilter,
  withoutFilters,
} from './list-state';

const owner = '0190f5a4-1c2b-7d3e-8f40-123456789abc';
const parse = (qs: string) => parseListState(new URLSearchParams(qs));
const marked = (parts: { text: string; match: boolean }[]) =>
  parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('URL ↔ list state', () => {
  it('round-trips every filter, the sort and the applied view', () => {
    const qs =
      'q=光电&ownerId=' +
      owner +
      '&departmentId=' +
      owner +
      '&grade=A,B&category=key&valueTier=high&lifecycle=active,dormant&kind=company&scale=large' +
      '&source=referral&status=all&industry=电子制造&provinceCode=33&cityCode=3302&districtCode=330203' +
      '&tag=出口&signedFrom=2019-01-01&signedTo=2019-12-31&unverifiedDays=180' +
      '&custom={"level":"gold"}&sort=name&view=' +
      owner;
    const state = parse(qs);
    expect(state.filters).toEqual({
      q: '光电',
      ownerId: owner,
      departmentId: owner,
      grade: 'A,B',
      category: 'key',
      valueTier: 'high',
      lifecycle: 'active,dormant',
      kind: 'company',
      scale: 'large',
      source: 'referral',
      status: 'all',
      industry: '电子制造',
      provinceCode: '33',
      cityCode: '3302',
      districtCode: '330203',
      tag: '出口',
      signedFrom: '2019-01-01',
      signedTo: '2019-12-31',
      unverifiedDays: '180',
      custom: '{"level":"gold"}',
    });
    expect(state.sort).toBe('name');
    expect(state.viewId).toBe(owner);
    expect(parseListState(toSearchParams(state))).toEqual(state);
  });

  it('drops values the API would refuse, so an old bookmark still opens a list', () => {
    const state = parse(
      'grade=A,Z&category=vip&ownerId=somebody&unverifiedDays=0&signedFrom=2026-02-30&custom=not-json&sort=bogus&view=x',
    );
    expect(state).toEqual({ filters: { grade: 'A' } });
  });

  it('writes multi-value filters in one order and leaves defaults out', () => {
    expect(toSearchParams(parse('grade=C,A,A&status=active')).toString()).toBe('grade=A%2CC');
    // Relevance is the default while searching, -updatedAt otherwise: neither needs writing down.
    expect(toSearchParams(parse('q=nbyx&sort=relevance')).toString()).toBe('q=nbyx');
    expect(toSearchParams(parse('sort=-updatedAt')).toString()).toBe('');
    expect(toSearchParams(parse('sort=relevance')).toString()).toBe('');
  });

  it('trims and collapses the search term', () => {
    expect(parse('q=%20%20海纳%20%20光电%20').filters.q).toBe('海纳 光电');
    expect(parse('q=%20%20').filters.q).toBeUndefined();
  });

  it('keeps a region path consistent: a city outside its province or a district without a city goes', () => {
    expect(parse('provinceCode=33&cityCode=4401').filters).toEqual({ provinceCode: '33' });
    expect(parse('provinceCode=33&districtCode=330203').filters).toEqual({ provinceCode: '33' });
    expect(parse('cityCode=3302').filters).toEqual({});
  });

  it('puts a reversed signing-date range the right way round', () => {
    expect(parse('signedFrom=2020-05-01&signedTo=2019-01-01').filters).toEqual({
      signedFrom: '2019-01-01',
      signedTo: '2020-05-01',
    });
  });

  it('says which sort is in effect', () => {
    expect(effectiveSort(parse(''))).toBe('-updatedAt');
    expect(effectiveSort(parse('q=光电'))).toBe('relevance');
    expect(effectiveSort(parse('q=光电&sort=-createdAt'))).toBe('-createdAt');
  });
});

describe('changing filters', () => {
  it('sets and removes single and multi-value filters', () => {
    let s: ListState = parse('');
    s = withFilter(s, 'grade', ['B', 'A']);
    expect(s.filters.grade).toBe('A,B');
    s = withFilter(s, 'grade', []);
    expect(s.filters.grade).toBeUndefined();
    s = withFilter(s, 'ownerId', 'me');
    expect(s.filters.ownerId).toBe('me');
    s = withFilter(s, 'ownerId', undefined);
    expect(s.filters).toEqual({});
  });

  it('keeps custom field filters in one canonical JSON parameter', () => {
    let s: ListState = parse('');
    s = withCustomFilter(s, 'zeta', ['b', 'a']);
    s = withCustomFilter(s, 'alpha', 12);
    s = withCustomFilter(s, 'vip', false);
    expect(s.filters.custom).toBe('{"alpha":12,"vip":false,"zeta":["a","b"]}');
    s = withCustomFilter(s, 'zeta', []);
    s = withCustomFilter(s, 'alpha', undefined);
    expect(s.filters.custom).toBe('{"vip":false}');
    s = withCustomFilter(s, 'vip', null);
    expect(s.filters.custom).toBeUndefined();
  });

  it('counts filters the way a person sees them', () => {
    expect(activeFilterCount(parse('q=光电').filters)).toBe(0);
    expect(
      activeFilterCount(
        parse(
          'grade=A,B&provinceCode=33&cityCode=3302&signedFrom=2019-01-01&signedTo=2019-02-01&custom={"a":1,"b":2}',
        ).filters,
      ),
    ).toBe(5);
  });

  it('clears every filter but keeps the search term and the view', () => {
    const s = withoutFilters(parse(`q=海纳&grade=A&status=all&view=${owner}`));
    expect(s).toEqual({ filters: { q: '海纳' }, viewId: owner });
  });
});

describe('saved views', () => {
  it('stores filters, sort and columns and reads them back', () => {
    const state = parse('grade=A&ownerId=me&sort=name');
    const query = toViewQuery(state, ['name', 'grade', 'owner']);
    expect(query).toEqual({
      filters: { ownerId: 'me', grade: 'A' },
      sort: 'name',
      columns: ['name', 'grade', 'owner'],
    });
    expect(fromViewQuery(JSON.parse(JSON.stringify(query)))).toEqual(query);
  });

  it('reads a damaged or outdated view without passing bad values on', () => {
    expect(
      fromViewQuery({ filters: { grade: 'A,X', nonsense: 'y', kind: 3 }, sort: 'up', columns: 'name' }),
    ).toEqual({ filters: { grade: 'A' }, columns: [] });
    expect(fromViewQuery({})).toEqual({ filters: {}, columns: [] });
  });

  it('notices a change of filters, sort or columns, and nothing else', () => {
    const view = toViewQuery(parse('grade=A'), ['name', 'grade']);
    expect(differsFromView(parse(`grade=A&view=${owner}`), ['name', 'grade'], view)).toBe(false);
    expect(differsFromView(parse('grade=A,B'), ['name', 'grade'], view)).toBe(true);
    expect(differsFromView(parse('grade=A&sort=name'), ['name', 'grade'], view)).toBe(true);
    expect(differsFromView(parse('grade=A'), ['name'], view)).toBe(true);
    expect(differsFromView(parse('grade=A'), ['name'], { ...view, columns: [] })).toBe(false);
  });
});

describe('list call and export link', () => {
  it('sends the same parameters to the list and the export, without paging', () => {
    const params = parse('q=nbyx&grade=A&sort=name');
    expect(customerListQuery(params)).toEqual({ q: 'nbyx', grade: 'A', sort: 'name' });
    const url = new URL(exportUrl(params, 'xlsx', 'en-US'), 'http://x');
    expect(url.pathname).toBe('/api/v1/customers/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'xlsx',
      lang: 'en-US',
      q: 'nbyx',
      grade: 'A',
      sort: 'name',
    });
  });

  it('never asks for relevance without a search term', () => {
    expect(customerListQuery({ filters: {}, sort: 'relevance' })).toEqual({});
  });

  it('encodes Chinese and JSON values in the export link', () => {
    const url = exportUrl(parse('q=光电&custom={"level":"gold"}'), 'csv', 'zh-CN');
    expect(url).not.toMatch(/[光电{}"]/);
    expect(new URL(url, 'http://x').searchParams.get('custom')).toBe('{"level":"gold"}');
  });
});

describe('search terms', () => {
  it('sends only terms the server can search for', () => {
    expect(isSearchable(undefined)).toBe(true);
    expect(isSearchable('光')).toBe(true);
    expect(isSearchable('nbyx')).toBe(true);
    expect(isSearchable('+86 139')).toBe(true);
    expect(isSearchable('!!!')).toBe(false);
    expect(isSearchable('（）-')).toBe(false);
  });
});

describe('search highlighting', () => {
  it('marks every literal occurrence of each search word, in any case', () => {
    expect(marked(highlightText('杭州海纳光电股份有限公司', '光电'))).toBe('杭州海纳[光电]股份有限公司');
    expect(marked(highlightText('ABC Trading abc', 'abc'))).toBe('[ABC] Trading [abc]');
    expect(marked(highlightText('宁波怡信电子', '宁波 电子'))).toBe('[宁波]怡信[电子]');
    // Overlapping words make one mark.
    expect(marked(highlightText('海纳光电', '海纳光 纳光电'))).toBe('[海纳光电]');
  });

  it('leaves a name plain when the match was by pinyin', () => {
    expect(marked(highlightText('宁波怡信电子', 'nbyx'))).toBe('宁波怡信电子');
    expect(highlightText('', '光电')).toEqual([]);
  });

  it('marks phone digits across separators and +86 forms', () => {
    expect(marked(highlightDigits('139-0574-0001', '05740'))).toBe('139-[0574-0]001');
    expect(marked(highlightDigits('13905740001', '+86 139 0574'))).toBe('[1390574]0001');
    expect(marked(highlightDigits('13905740001', '宁波'))).toBe('13905740001');
    expect(marked(highlightDigits('13905740001', '13'))).toBe('13905740001');
  });
});
