import type { TimelineItem } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import { timelineEntry } from './timeline-entry';

const item = (kind: TimelineItem['kind'], data: Record<string, unknown>, id = `${kind}:x`): TimelineItem => ({
  id,
  kind,
  at: '2026-12-03T02:00:00.000Z',
  actor: null,
  data,
});

describe('timelineEntry', () => {
  it('reads an interaction with participants given as names or as {name}', () => {
    const e = timelineEntry(
      item(
        'interaction',
        {
          channel: 'phone',
          direction: 'outbound',
          summary: '电话回访',
          guide: { business: true, needs: false, rapport: true, value: false },
          contacts: [{ id: 'c1', name: '王建国' }],
          staff: ['张伟'],
          visitId: null,
        },
        'interaction:0190a0b2-7c3e-7000-8000-000000000001',
      ),
    );
    expect(e).toMatchObject({
      kind: 'interaction',
      id: '0190a0b2-7c3e-7000-8000-000000000001',
      channel: 'phone',
      guide: ['business', 'rapport'],
      contacts: ['王建国'],
      staff: ['张伟'],
      visitId: null,
      needsFound: '',
    });
  });

  it('reads a visit whether check-in and report come nested or flat', () => {
    expect(
      timelineEntry(
        item('visit', {
          status: 'reported',
          plannedOn: '2026-12-03',
          purpose: '了解扩产需求',
          checkIn: { flag: 'far', distanceM: 2300 },
          report: { summary: '客户确认扩产' },
        }),
      ),
    ).toMatchObject({ checkInFlag: 'far', distanceM: 2300, reportSummary: '客户确认扩产', id: 'x' });
    expect(
      timelineEntry(
        item('visit', { status: 'planned', checkInFlag: 'ok', distanceM: '120', reportSummary: '' }),
      ),
    ).toMatchObject({ checkInFlag: 'ok', distanceM: 120, reportSummary: '' });
    expect(timelineEntry(item('visit', { status: 'planned' }))).toMatchObject({
      checkInFlag: null,
      distanceM: null,
    });
  });

  it('reads tasks, orders, grade and owner changes, people as names', () => {
    expect(
      timelineEntry(
        item('task', {
          title: '发方案',
          status: 'open',
          dueOn: '2026-12-10',
          owner: { name: '张伟' },
          source: 'visit',
        }),
      ),
    ).toMatchObject({
      owner: '张伟',
      source: 'visit',
    });
    expect(
      timelineEntry(
        item('order', {
          orderedOn: '2026-11-02',
          product: { id: 'p', name: '精密轴承' },
          quantity: 12,
          amountFen: 360000,
        }),
      ),
    ).toMatchObject({ product: '精密轴承', quantity: 12, amountFen: 360000 });
    expect(timelineEntry(item('grade', { from: null, to: 'B', cause: 'rule', reason: '' }))).toMatchObject({
      from: null,
      to: 'B',
    });
    expect(
      timelineEntry(item('owner', { kind: 'transfer', from: { name: '张伟' }, to: { name: '李娜' } })),
    ).toMatchObject({
      change: 'transfer',
      from: '张伟',
      to: '李娜',
      reason: '',
    });
  });

  it('keeps audited edits as before/after snapshots, and odd data as empty rather than failing', () => {
    expect(
      timelineEntry(
        item('edit', { action: 'customer.update', before: { phone: '1' }, after: { phone: '2' } }),
      ),
    ).toEqual({ kind: 'edit', action: 'customer.update', before: { phone: '1' }, after: { phone: '2' } });
    expect(timelineEntry(item('interaction', { guide: 'x', contacts: 'y', summary: 3 }))).toMatchObject({
      guide: [],
      contacts: [],
      summary: '3',
    });
  });
  it('reads a ticket event with the ticket it belongs to (the link goes to the ticket, not the event)', () => {
    const e = timelineEntry(
      item('ticket', {
        ticket: { id: 't1', number: 1024, subject: '设备报警', kind: 'complaint', status: 'resolved' },
        event: 'reply',
        visibility: 'customer',
        body: '已安排工程师上门',
        data: {},
      }),
    );
    expect(e).toEqual({
      kind: 'ticket',
      id: 't1',
      number: '1024',
      subject: '设备报警',
      status: 'resolved',
      event: 'reply',
      visibility: 'customer',
      body: '已安排工程师上门',
    });
  });
});
