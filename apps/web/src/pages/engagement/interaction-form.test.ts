import { createInteractionRequestSchema } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import {
  guideCoverage,
  guideTopicsOf,
  type InteractionFormValues,
  interactionRequest,
} from './interaction-form';

const customerId = '0190a0b2-7c3e-7000-8000-000000000001';
const me = '0190a0b2-7c3e-7000-8000-0000000000aa';
const colleague = '0190a0b2-7c3e-7000-8000-0000000000bb';

const values = (patch: Partial<InteractionFormValues> = {}): InteractionFormValues => ({
  customerId,
  channel: 'phone',
  direction: 'outbound',
  occurredAt: '2026-12-03T02:30:00.000Z',
  summary: '了解新产线进度，客户计划明年一季度扩产',
  needsFound: '',
  nextStep: '下周发送扩产方案',
  guide: ['business', 'needs'],
  contactIds: [],
  staffIds: [me, colleague],
  makeTask: false,
  taskTitle: '',
  taskDueOn: '2026-12-10',
  ...patch,
});

describe('interactionRequest', () => {
  it('builds a body the shared schema accepts, with the guide as four flags', () => {
    const body = interactionRequest(values(), me);
    const parsed = createInteractionRequestSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(body.guide).toEqual({ business: true, needs: true, rapport: false, value: false });
    expect(body.nextStepTask).toBeUndefined();
  });

  it('leaves the logger out of the colleagues (the server always counts them)', () => {
    expect(interactionRequest(values(), me).staffIds).toEqual([colleague]);
  });

  it('asks for a task only when ticked, the title defaulting to the next step on the server', () => {
    expect(interactionRequest(values({ makeTask: true }), me).nextStepTask).toEqual({ dueOn: '2026-12-10' });
    expect(interactionRequest(values({ makeTask: true, taskTitle: '  发方案  ' }), me).nextStepTask).toEqual({
      title: '发方案',
      dueOn: '2026-12-10',
    });
  });

  it('lets the schema report what is missing, beside the right fields', () => {
    const body = interactionRequest(values({ customerId: null, summary: '  ', occurredAt: null }), me);
    const parsed = createInteractionRequestSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['customerId', 'occurredAt', 'summary']);
    const noDate = createInteractionRequestSchema.safeParse(
      interactionRequest(values({ makeTask: true, taskDueOn: null }), me),
    );
    expect(noDate.error?.issues.map((i) => i.path.join('.'))).toEqual(['nextStepTask.dueOn']);
  });
});

describe('the 3+1 guide', () => {
  it('adds up the shares of the ticked topics', () => {
    expect(guideCoverage([])).toBe(0);
    expect(guideCoverage(['business', 'needs', 'rapport'])).toBe(90);
    expect(guideCoverage(['business', 'needs', 'rapport', 'value'])).toBe(100);
    expect(guideCoverage(['value', 'value'])).toBe(10);
  });

  it('reads the stored flags back in the guide’s order', () => {
    expect(guideTopicsOf({ value: true, business: true, needs: false })).toEqual(['business', 'value']);
    expect(guideTopicsOf(null)).toEqual([]);
  });
});
