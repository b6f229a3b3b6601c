import { describe, expect, it } from 'vitest';
import {
  emptyFilters,
  filtersFromParams,
  hasFilters,
  paramsOf,
  segmentsFor,
  ticketQueryOf,
} from './queue-filters';

const category = '0b6f7a52-3f2a-4c1e-9d7e-1a2b3c4d5e6f';
const owner = '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';

describe('segmentsFor', () => {
  it('offers the team queue to managers only', () => {
    expect(segmentsFor(true)).toEqual(['mine', 'team', 'soon', 'breached']);
    expect(segmentsFor(false)).toEqual(['mine', 'soon', 'breached']);
  });
});

describe('filtersFromParams', () => {
  it('reads every filter from the address', () => {
    const p = new URLSearchParams(
      `view=team&status=new,in_progress&kind=complaint&priority=urgent&channel=phone&categoryId=${category}&ownerId=${owner}&q=%20漏水%20`,
    );
    expect(filtersFromParams(p, true)).toEqual({
      segment: 'team',
      statuses: ['new', 'in_progress'],
      kind: 'complaint',
      priority: 'urgent',
      channel: 'phone',
      categoryId: category,
      ownerId: owner,
      q: '漏水',
    });
  });

  it('drops unknown codes, malformed ids and what the role may not use', () => {
    const p = new URLSearchParams(
      `view=team&status=new,bogus,new&kind=rant&priority=x&channel=fax&categoryId=1&ownerId=${owner}`,
    );
    expect(filtersFromParams(p, false)).toEqual({ ...emptyFilters, statuses: ['new'] });
  });

  it('defaults to my open tickets', () => {
    expect(filtersFromParams(new URLSearchParams(''), true)).toEqual(emptyFilters);
  });
});

describe('paramsOf', () => {
  it('leaves defaults out so the plain queue stays /service, and round-trips', () => {
    expect(Object.values(paramsOf(emptyFilters)).every((v) => v === null)).toBe(true);
    const f = {
      ...emptyFilters,
      segment: 'soon' as const,
      statuses: ['new' as const],
      kind: 'question' as const,
      q: '发票',
    };
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(paramsOf(f))) if (v !== null) params.set(k, v);
    expect(params.toString()).toBe('view=soon&status=new&kind=question&q=%E5%8F%91%E7%A5%A8');
    expect(filtersFromParams(params, false)).toEqual(f);
  });
});

describe('ticketQueryOf', () => {
  it('asks for my tickets by default, leaving status to the server (open ones)', () => {
    expect(ticketQueryOf(emptyFilters, false)).toEqual({ view: 'mine' });
    expect(ticketQueryOf(emptyFilters, true)).toEqual({ view: 'mine' });
  });

  it('maps the team view and every filter', () => {
    expect(
      ticketQueryOf(
        {
          segment: 'team',
          statuses: ['acknowledged', 'in_progress'],
          kind: 'complaint',
          priority: 'high',
          channel: 'wechat',
          categoryId: category,
          ownerId: owner,
          q: ' 1024 ',
        },
        true,
      ),
    ).toEqual({
      view: 'team',
      status: 'acknowledged,in_progress',
      kind: 'complaint',
      priority: 'high',
      channel: 'wechat',
      categoryId: category,
      ownerId: owner,
      q: '1024',
    });
  });

  it('looks over the team for a manager and over own tickets for an agent when breaching', () => {
    expect(ticketQueryOf({ ...emptyFilters, segment: 'soon' }, true)).toEqual({
      view: 'team',
      breaching: 'soon',
    });
    expect(ticketQueryOf({ ...emptyFilters, segment: 'breached' }, false)).toEqual({
      view: 'mine',
      breaching: 'breached',
    });
  });

  it('ignores an owner filter in my own view and for someone who may not see the team', () => {
    expect(ticketQueryOf({ ...emptyFilters, ownerId: owner }, true)).toEqual({ view: 'mine' });
    expect(ticketQueryOf({ ...emptyFilters, segment: 'soon', ownerId: owner }, false)).toEqual({
      view: 'mine',
      breaching: 'soon',
    });
  });

  it('sends no empty search', () => {
    expect(ticketQueryOf({ ...emptyFilters, q: '   ' }, false)).toEqual({ view: 'mine' });
  });
});

describe('hasFilters', () => {
  it('is false for the view alone and true for any filter', () => {
    expect(hasFilters({ ...emptyFilters, segment: 'breached' })).toBe(false);
    expect(hasFilters({ ...emptyFilters, channel: 'visit' })).toBe(true);
    expect(hasFilters({ ...emptyFilters, q: 'x' })).toBe(true);
  });
});
