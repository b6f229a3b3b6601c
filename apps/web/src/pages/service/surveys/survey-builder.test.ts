import { describe, expect, it } from 'vitest';
import {
  type BuilderAction,
  type BuilderState,
  builderIssues,
  builderReducer,
  builderRequest,
  emptyBuilder,
  nextQuestionId,
} from './survey-builder';

const replay = (actions: BuilderAction[], from: BuilderState = emptyBuilder) =>
  actions.reduce(builderReducer, from);

describe('survey builder state', () => {
  it('adds questions with stable, unique ids', () => {
    const s = replay([
      { type: 'add', questionType: 'csat', label: '满意吗' },
      { type: 'add', questionType: 'nps' },
      { type: 'add', questionType: 'free_text' },
    ]);
    expect(s.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    expect(s.questions[0]).toEqual({ id: 'q1', type: 'csat', label: '满意吗', required: true });
    expect(s.questions[2]?.required).toBe(false);
    const after = replay(
      [
        { type: 'remove', index: 0 },
        { type: 'add', questionType: 'csat' },
      ],
      s,
    );
    expect(after.questions.map((q) => q.id)).toEqual(['q2', 'q3', 'q4']);
  });

  it('moves a question up and down, and ignores moves past the ends', () => {
    const s = replay([
      { type: 'add', questionType: 'csat', label: 'a' },
      { type: 'add', questionType: 'nps', label: 'b' },
      { type: 'add', questionType: 'free_text', label: 'c' },
    ]);
    expect(replay([{ type: 'move', index: 2, by: -1 }], s).questions.map((q) => q.label)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(replay([{ type: 'move', index: 0, by: 1 }], s).questions.map((q) => q.label)).toEqual([
      'b',
      'a',
      'c',
    ]);
    expect(replay([{ type: 'move', index: 0, by: -1 }], s).questions).toEqual(s.questions);
    expect(replay([{ type: 'move', index: 2, by: 1 }], s).questions).toEqual(s.questions);
  });

  it('removes a question by index', () => {
    const s = replay([
      { type: 'add', questionType: 'csat', label: 'a' },
      { type: 'add', questionType: 'nps', label: 'b' },
      { type: 'remove', index: 0 },
    ]);
    expect(s.questions.map((q) => q.label)).toEqual(['b']);
  });

  it('edits the options of a choice question', () => {
    const s = replay([
      { type: 'add', questionType: 'single_choice', label: '渠道' },
      { type: 'setOption', index: 0, option: 0, text: '电话' },
      { type: 'setOption', index: 0, option: 1, text: '邮件' },
      { type: 'addOption', index: 0, option: '在线' },
      { type: 'moveOption', index: 0, option: 2, by: -1 },
      { type: 'removeOption', index: 0, option: 0 },
    ]);
    expect(s.questions[0]?.options).toEqual(['在线', '邮件']);
  });

  it('keeps options between choice types and drops them for scores', () => {
    const s = replay([
      { type: 'add', questionType: 'single_choice', label: 'x' },
      { type: 'setOption', index: 0, option: 0, text: 'A' },
      { type: 'setType', index: 0, questionType: 'multi_choice' },
    ]);
    expect(s.questions[0]?.options).toEqual(['A', '']);
    const t = replay([{ type: 'setType', index: 0, questionType: 'csat' }], s);
    expect(t.questions[0]).not.toHaveProperty('options');
    const u = replay([{ type: 'setType', index: 0, questionType: 'single_choice' }], t);
    expect(u.questions[0]?.options).toEqual(['', '']);
  });

  it('sets label and required', () => {
    const s = replay([
      { type: 'add', questionType: 'csat' },
      { type: 'setLabel', index: 0, label: '您对本次服务满意吗？' },
      { type: 'setRequired', index: 0, required: false },
      { type: 'setLabel', index: 5, label: 'ignored' },
    ]);
    expect(s.questions).toEqual([{ id: 'q1', type: 'csat', label: '您对本次服务满意吗？', required: false }]);
  });

  it('finds the first free id', () => {
    expect(nextQuestionId([])).toBe('q1');
    expect(
      nextQuestionId([
        { id: 'q2', type: 'csat', label: '', required: true },
        { id: 'q3', type: 'csat', label: '', required: true },
      ]),
    ).toBe('q4');
  });
});

describe('builder issues and request', () => {
  it('names the fields the server would name', () => {
    const s = replay([
      { type: 'add', questionType: 'multi_choice' },
      { type: 'setOption', index: 0, option: 0, text: '甲' },
      { type: 'setOption', index: 0, option: 1, text: ' 甲 ' },
    ]);
    expect(builderIssues(s)).toEqual([
      { path: 'title', code: 'required' },
      { path: 'questions.0.label', code: 'required' },
      { path: 'questions.0.options.1', code: 'duplicate' },
      { path: 'questions.0.options', code: 'too_few' },
    ]);
    expect(builderIssues(emptyBuilder)).toContainEqual({ path: 'questions', code: 'required' });
  });

  it('trims and sends options only on choices', () => {
    const s = replay([
      { type: 'setTitle', title: ' 售后回访 ' },
      { type: 'add', questionType: 'single_choice', label: ' 渠道 ' },
      { type: 'setOption', index: 0, option: 0, text: ' 电话' },
      { type: 'setOption', index: 0, option: 1, text: '邮件 ' },
      { type: 'add', questionType: 'nps', label: '推荐' },
    ]);
    expect(builderIssues(s)).toEqual([]);
    expect(builderRequest(s)).toEqual({
      title: '售后回访',
      intro: '',
      questions: [
        { id: 'q1', type: 'single_choice', label: '渠道', required: true, options: ['电话', '邮件'] },
        { id: 'q2', type: 'nps', label: '推荐', required: true },
      ],
    });
  });
});
