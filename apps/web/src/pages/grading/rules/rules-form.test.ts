import { defaultGradingRules, validateGradingRules } from '@weixi/domain/grading';
import { describe, expect, it } from 'vitest';
import { cleanCondition, fromForm, splitIssues, toForm, weightTotal } from './rules-form';

describe('rules form values', () => {
  it('shows money in yuan and sends fen, round trip exact', () => {
    const form = toForm(defaultGradingRules);
    expect(form.indicators[0]!.bands[2]).toEqual({ min: 10_000, max: 50_000, points: 40 });
    expect(form.valueTier.rules[0]!.when.minValueFen).toBe(200_000);
    expect(fromForm(form)).toEqual(defaultGradingRules);
    // Other indicators are not money: untouched.
    expect(form.indicators[1]).toEqual(defaultGradingRules.indicators[1]);
  });

  it('turns yuan with cents into whole fen without float noise', () => {
    const form = toForm(defaultGradingRules);
    form.indicators[0]!.bands[1]!.max = 0.1 + 0.2;
    form.indicators[0]!.bands[2]!.min = 0.3;
    expect(fromForm(form).indicators[0]!.bands[1]!.max).toBe(30);
    expect(fromForm(form).indicators[0]!.bands[2]!.min).toBe(30);
  });

  it('drops conditions left empty in the form', () => {
    expect(cleanCondition({ grades: [], minScore: null, industries: ['化工'], maxYears: 0 })).toEqual({
      industries: ['化工'],
      maxYears: 0,
    });
  });

  it('adds up weights, counting cleared inputs as 0', () => {
    expect(weightTotal(defaultGradingRules.indicators)).toBe(100);
    expect(weightTotal([{ weight: 40 }, { weight: null }, {}])).toBe(40);
  });
});

describe('splitIssues', () => {
  it('puts field issues beside their inputs and keeps the rest for the list above the form', () => {
    const rules = structuredClone(defaultGradingRules);
    rules.indicators[0]!.weight = 45;
    rules.indicators[2]!.bands[1]!.min = 0.5;
    rules.cutoffs.B = 90;
    rules.category.rules.push({ value: 'key', when: {} });
    const issues = validateGradingRules(rules).map((i) => ({ ...i, path: `rules.${i.path}` }));
    const { fields, general } = splitIssues(issues);
    expect(fields.map((f) => f.name)).toEqual([
      ['indicators', 2, 'bands', 1, 'min'],
      ['cutoffs', 'B'],
    ]);
    expect(general.map((g) => `${g.path}:${g.code}`)).toEqual([
      'indicators:weights_sum',
      'category.rules.4.when:empty',
    ]);
  });

  it('treats schema issues on inputs the same way', () => {
    const { fields } = splitIssues([
      { path: 'rules.indicators.1.bands.0.points', code: 'too_big', message: 'Too big' },
      { path: 'rules.valueTier.rules.0.when.minValueFen', code: 'too_small', message: 'Too small' },
    ]);
    expect(fields.map((f) => f.name)).toEqual([
      ['indicators', 1, 'bands', 0, 'points'],
      ['valueTier', 'rules', 0, 'when', 'minValueFen'],
    ]);
  });
});
