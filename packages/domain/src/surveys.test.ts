import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSurveyToken,
  csatPercent,
  isLowScore,
  npsScore,
  type SurveyDefinition,
  type SurveyQuestion,
  surveyDefinitionIssues,
  surveyMaxQuestions,
  validateSurveyAnswers,
  verifySurveyToken,
} from './surveys';

const q = (over: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'type'>): SurveyQuestion => ({
  label: `Question ${over.id}`,
  required: false,
  ...over,
});

const survey: SurveyDefinition = {
  questions: [
    q({ id: 'q1', type: 'csat', required: true }),
    q({ id: 'q2', type: 'nps' }),
    q({ id: 'q3', type: 'single_choice', options: ['电话', '邮件', '上门'] }),
    q({ id: 'q4', type: 'multi_choice', options: ['速度', '态度', '质量'] }),
    q({ id: 'q5', type: 'free_text' }),
  ],
};

const paths = (issues: { path: string; code: string }[]) => issues.map((i) => [i.path, i.code]);

describe('surveyDefinitionIssues', () => {
  it('accepts a valid survey', () => {
    expect(surveyDefinitionIssues(survey)).toEqual([]);
  });

  it('needs at least one question and at most 30', () => {
    expect(paths(surveyDefinitionIssues({ questions: [] }))).toEqual([['questions', 'required']]);
    const many = Array.from({ length: surveyMaxQuestions + 1 }, (_, i) => q({ id: `q${i}`, type: 'csat' }));
    expect(paths(surveyDefinitionIssues({ questions: many }))).toEqual([['questions', 'too_many']]);
    expect(surveyDefinitionIssues({ questions: many.slice(0, surveyMaxQuestions) })).toEqual([]);
  });

  it('needs unique, non-empty ids and labels', () => {
    const issues = surveyDefinitionIssues({
      questions: [
        q({ id: 'a', type: 'csat' }),
        q({ id: 'a', type: 'nps' }),
        q({ id: ' ', type: 'nps', label: '  ' }),
      ],
    });
    expect(paths(issues)).toEqual([
      ['questions.1.id', 'duplicate'],
      ['questions.2.id', 'required'],
      ['questions.2.label', 'required'],
    ]);
  });

  it('needs two distinct options for choice questions', () => {
    const issues = surveyDefinitionIssues({
      questions: [
        q({ id: 'a', type: 'single_choice' }),
        q({ id: 'b', type: 'multi_choice', options: ['x', ' x ', ''] }),
        q({ id: 'c', type: 'single_choice', options: ['x', 'y'] }),
      ],
    });
    expect(paths(issues)).toEqual([
      ['questions.0.options', 'too_few'],
      ['questions.1.options.1', 'duplicate'],
      ['questions.1.options.2', 'required'],
      ['questions.1.options', 'too_few'],
    ]);
  });

  it('rejects an unknown type', () => {
    expect(paths(surveyDefinitionIssues({ questions: [q({ id: 'a', type: 'stars' as never })] }))).toEqual([
      ['questions.0.type', 'invalid_value'],
    ]);
  });
});

describe('validateSurveyAnswers', () => {
  it('accepts and normalises a full answer set', () => {
    const r = validateSurveyAnswers(survey, {
      q1: 5,
      q2: 0,
      q3: ' 邮件 ',
      q4: ['态度', '速度'],
      q5: '  <b>很好</b>  ',
    });
    expect(r.issues).toEqual([]);
    expect(r.answers).toEqual({ q1: 5, q2: 0, q3: '邮件', q4: ['态度', '速度'], q5: '<b>很好</b>' });
  });

  it('reports required questions left blank, and leaves optional blanks out', () => {
    for (const blank of [undefined, null, '', '  ', []]) {
      const r = validateSurveyAnswers(survey, { q1: blank, q2: null, q5: '   ' });
      expect(paths(r.issues)).toEqual([['answers.q1', 'required']]);
      expect(r.answers).toEqual({});
    }
  });

  it('checks score ranges and integers', () => {
    const cases: [unknown, unknown, string[][]][] = [
      [
        0,
        11,
        [
          ['answers.q1', 'out_of_range'],
          ['answers.q2', 'out_of_range'],
        ],
      ],
      [
        6,
        -1,
        [
          ['answers.q1', 'out_of_range'],
          ['answers.q2', 'out_of_range'],
        ],
      ],
      [
        4.5,
        9.99,
        [
          ['answers.q1', 'not_integer'],
          ['answers.q2', 'not_integer'],
        ],
      ],
      [
        '5',
        Number.NaN,
        [
          ['answers.q1', 'invalid_type'],
          ['answers.q2', 'invalid_type'],
        ],
      ],
      [1, 10, []],
    ];
    for (const [csat, nps, expected] of cases) {
      expect(paths(validateSurveyAnswers(survey, { q1: csat, q2: nps }).issues)).toEqual(expected);
    }
  });

  it('checks choices', () => {
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q3: '传真' }).issues)).toEqual([
      ['answers.q3', 'unknown_option'],
    ]);
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q3: ['电话'] }).issues)).toEqual([
      ['answers.q3', 'invalid_type'],
    ]);
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q4: ['速度', '速度'] }).issues)).toEqual([
      ['answers.q4', 'duplicate_choice'],
    ]);
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q4: ['速度', '价格'] }).issues)).toEqual([
      ['answers.q4', 'unknown_option'],
    ]);
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q4: '速度' }).issues)).toEqual([
      ['answers.q4', 'invalid_type'],
    ]);
  });

  it('limits free text to 2,000 characters, counting code points after trimming', () => {
    const max = '好'.repeat(2000);
    expect(validateSurveyAnswers(survey, { q1: 3, q5: ` ${max} ` }).answers.q5).toBe(max);
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q5: `${max}!` }).issues)).toEqual([
      ['answers.q5', 'too_long'],
    ]);
    // An emoji is two UTF-16 units but one character to the customer.
    expect(validateSurveyAnswers(survey, { q1: 3, q5: '😀'.repeat(2000) }).issues).toEqual([]);
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q5: 42 }).issues)).toEqual([
      ['answers.q5', 'invalid_type'],
    ]);
  });

  it('reports unknown question ids, own keys only', () => {
    expect(paths(validateSurveyAnswers(survey, { q1: 3, q9: 1 }).issues)).toEqual([
      ['answers.q9', 'unknown_question'],
    ]);
    const inherited = Object.create({ q1: 5 }) as Record<string, unknown>;
    expect(paths(validateSurveyAnswers(survey, inherited).issues)).toEqual([['answers.q1', 'required']]);
  });

  it('rejects answers that are not an object', () => {
    for (const bad of [null, 'x', [1, 2]]) {
      expect(paths(validateSurveyAnswers(survey, bad).issues)).toEqual([['answers', 'invalid_type']]);
    }
  });
});

describe('figures', () => {
  it('csatPercent is the share of 4 and 5 among the answered', () => {
    expect(csatPercent([])).toBeNull();
    expect(csatPercent([null, undefined])).toBeNull();
    expect(csatPercent([5, 4, 3, null])).toBeCloseTo(66.667, 3);
    expect(csatPercent([5, 5, 5, 5, 5, 5, 5, 5, 5, 1])).toBe(90);
    expect(csatPercent([1, 2, 3])).toBe(0);
    expect(csatPercent([4])).toBe(100);
  });

  it('npsScore is promoters minus detractors, one decimal', () => {
    expect(npsScore([])).toBeNull();
    expect(npsScore([10, 9, 8, 7, 6, 0])).toBe(0);
    expect(npsScore([10, 10, 7])).toBe(66.7);
    expect(npsScore([0, 0, 8])).toBe(-66.7);
    expect(npsScore([6])).toBe(-100);
    expect(npsScore([9])).toBe(100);
    expect(Object.is(npsScore([7, 8]), 0)).toBe(true);
    expect(npsScore([10, null, 11, 3.5])).toBe(100);
  });

  it('property: csat in [0, 100], nps in [−100, 100] with at most one decimal', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 10 }))), (scores) => {
        const c = csatPercent(scores);
        const n = npsScore(scores);
        if (c !== null) {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(100);
        }
        if (n !== null) {
          expect(n).toBeGreaterThanOrEqual(-100);
          expect(n).toBeLessThanOrEqual(100);
          expect(Math.round(n * 10)).toBeCloseTo(n * 10, 9);
        }
      }),
    );
  });

  it('isLowScore: any CSAT ≤ 2 or NPS ≤ 6', () => {
    expect(isLowScore(survey, { q1: 2 })).toBe(true);
    expect(isLowScore(survey, { q1: 3 })).toBe(false);
    expect(isLowScore(survey, { q1: 5, q2: 6 })).toBe(true);
    expect(isLowScore(survey, { q1: 5, q2: 7 })).toBe(false);
    expect(isLowScore(survey, {})).toBe(false);
    // A choice or text answer is never a score.
    expect(isLowScore({ questions: [q({ id: 'x', type: 'free_text' })] }, { x: 1 })).toBe(false);
    expect(isLowScore(survey, { q1: 3 }, { csatAtMost: 3, npsAtMost: 6 })).toBe(true);
  });
});

describe('survey link tokens', () => {
  const secret = 'a-secret-of-enough-length-0123456789';
  const expiresAt = new Date('2025-04-01T00:00:00Z');
  const before = new Date('2025-03-01T00:00:00Z');

  it('round-trips', () => {
    const token = createSurveyToken({ invitationId: 'inv-1', expiresAt }, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifySurveyToken(token, secret, before)).toEqual({ ok: true, invitationId: 'inv-1', expiresAt });
    // Ids that JSON must escape, including a lone surrogate, come back unchanged.
    for (const id of ['"\\.', '客户-1', '\ud800x']) {
      const t = createSurveyToken({ invitationId: id, expiresAt }, secret);
      expect(verifySurveyToken(t, secret, before)).toEqual({ ok: true, invitationId: id, expiresAt });
    }
  });

  it('expires at the expiry instant', () => {
    const token = createSurveyToken({ invitationId: 'inv-1', expiresAt }, secret);
    expect(verifySurveyToken(token, secret, new Date(expiresAt.getTime() - 1)).ok).toBe(true);
    expect(verifySurveyToken(token, secret, expiresAt)).toEqual({ ok: false, code: 'expired' });
  });

  it('rejects another secret', () => {
    const token = createSurveyToken({ invitationId: 'inv-1', expiresAt }, secret);
    expect(verifySurveyToken(token, `${secret}x`, before)).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('rejects malformed tokens', () => {
    const token = createSurveyToken({ invitationId: 'inv-1', expiresAt }, secret);
    const [payload, sig] = token.split('.');
    for (const bad of [
      '',
      '.',
      'abc',
      `${token}.x`,
      `${payload}.`,
      `.${sig}`,
      `${payload}.${sig}=`,
      `${payload}+.${sig}`,
    ]) {
      expect(verifySurveyToken(bad, secret, before)).toEqual({ ok: false, code: 'malformed' });
    }
  });

  it('rejects a signed payload of the wrong shape as malformed', async () => {
    const { createHmac } = await import('node:crypto');
    for (const body of ['not json', '{"i":1,"e":2}', '[]', '{"i":"x"}']) {
      const payload = Buffer.from(body).toString('base64url');
      const sig = createHmac('sha256', secret).update(payload).digest('base64url');
      expect(verifySurveyToken(`${payload}.${sig}`, secret, before)).toEqual({
        ok: false,
        code: 'malformed',
      });
    }
  });

  it('refuses short secrets and bad input', () => {
    expect(() => createSurveyToken({ invitationId: 'x', expiresAt }, 'short')).toThrow(RangeError);
    expect(() => verifySurveyToken('a.b', Buffer.alloc(8), before)).toThrow(RangeError);
    expect(() => createSurveyToken({ invitationId: '', expiresAt }, secret)).toThrow(RangeError);
    expect(() => createSurveyToken({ invitationId: 'x', expiresAt: new Date(Number.NaN) }, secret)).toThrow(
      RangeError,
    );
    expect(createSurveyToken({ invitationId: 'x', expiresAt }, Buffer.alloc(32, 7))).toContain('.');
  });

  const arbDate = fc.integer({ min: 0, max: 8.64e15 }).map((ms) => new Date(ms));

  it('property: verify(create(x)) round-trips for any id and expiry', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }),
        arbDate,
        (invitationId, exp) => {
          const token = createSurveyToken({ invitationId, expiresAt: exp }, secret);
          const r = verifySurveyToken(token, secret, new Date(exp.getTime() - 1));
          expect(r).toEqual({ ok: true, invitationId, expiresAt: exp });
        },
      ),
    );
  });

  it('property: changing any one character of a token makes it fail', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.constantFrom(...alphabet),
        (invitationId, at, ch) => {
          const token = createSurveyToken({ invitationId, expiresAt }, secret);
          const i = at % token.length;
          fc.pre(token[i] !== ch);
          const changed = token.slice(0, i) + ch + token.slice(i + 1);
          expect(verifySurveyToken(changed, secret, before).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
