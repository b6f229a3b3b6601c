import { describe, expect, it } from 'vitest';
import { formNameOf } from './form-errors';
import { interactionAliases, interactionListFields } from './interaction-form';

describe('formNameOf', () => {
  it('turns dotted server paths into antd names, list indexes as numbers', () => {
    expect(formNameOf('summary')).toEqual(['summary']);
    expect(formNameOf('commitments.2.dueOn')).toEqual(['commitments', 2, 'dueOn']);
    expect(formNameOf('receivedBy.0.name')).toEqual(['receivedBy', 0, 'name']);
  });

  it('renames request paths the form spells differently', () => {
    expect(formNameOf('nextStepTask.dueOn', interactionAliases)).toEqual(['taskDueOn']);
    expect(formNameOf('nextStepTask.title', interactionAliases)).toEqual(['taskTitle']);
    // The object itself missing its date is still the date's field.
    expect(formNameOf('nextStepTask', interactionAliases)).toEqual(['taskDueOn']);
    expect(formNameOf('guide.rapport', interactionAliases, interactionListFields)).toEqual(['guide']);
  });

  it('puts an issue on one item of a multi-select on the whole input', () => {
    expect(formNameOf('contactIds.3', interactionAliases, interactionListFields)).toEqual(['contactIds']);
    expect(formNameOf('staffIds.0', interactionAliases, interactionListFields)).toEqual(['staffIds']);
    // Only listed fields collapse: a row of a Form.List keeps its index.
    expect(formNameOf('commitments.0.title', {}, ['contactIds'])).toEqual(['commitments', 0, 'title']);
  });

  it('matches aliases by whole segments only', () => {
    expect(formNameOf('nextStep', interactionAliases)).toEqual(['nextStep']);
    expect(formNameOf('nextStepTaskX', interactionAliases)).toEqual(['nextStepTaskX']);
  });
});
