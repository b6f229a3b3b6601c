import type { SurveyQuestion, SurveyQuestionType } from '../../../api/surveys';

/**
 * The survey builder's state as a pure reducer: the page dispatches, the tests replay. Question
 * ids are stable (answers and figures are keyed by them), so moving or relabelling a question
 * never changes its id; a new one gets the first free `q<n>`.
 */
export interface BuilderState {
  title: string;
  intro: string;
  questions: SurveyQuestion[];
}

export type BuilderAction =
  | { type: 'load'; state: BuilderState }
  | { type: 'setTitle'; title: string }
  | { type: 'setIntro'; intro: string }
  | { type: 'add'; questionType: SurveyQuestionType; label?: string }
  | { type: 'remove'; index: number }
  | { type: 'move'; index: number; by: -1 | 1 }
  | { type: 'setLabel'; index: number; label: string }
  | { type: 'setRequired'; index: number; required: boolean }
  | { type: 'setType'; index: number; questionType: SurveyQuestionType }
  | { type: 'addOption'; index: number; option?: string }
  | { type: 'setOption'; index: number; option: number; text: string }
  | { type: 'removeOption'; index: number; option: number }
  | { type: 'moveOption'; index: number; option: number; by: -1 | 1 };

export const emptyBuilder: BuilderState = { title: '', intro: '', questions: [] };

export const isChoiceType = (t: SurveyQuestionType): boolean => t === 'single_choice' || t === 'multi_choice';

/** The first `q<n>` not yet used. */
export function nextQuestionId(questions: readonly SurveyQuestion[]): string {
  const used = new Set(questions.map((q) => q.id));
  let n = questions.length + 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}

export function newQuestion(
  type: SurveyQuestionType,
  existing: readonly SurveyQuestion[],
  label = '',
): SurveyQuestion {
  const q: SurveyQuestion = { id: nextQuestionId(existing), type, label, required: type !== 'free_text' };
  // Two empty options: a choice needs at least two, and empty slots invite the author to type.
  if (isChoiceType(type)) q.options = ['', ''];
  return q;
}

function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

function updateAt(
  state: BuilderState,
  index: number,
  change: (q: SurveyQuestion) => SurveyQuestion,
): BuilderState {
  if (index < 0 || index >= state.questions.length) return state;
  return { ...state, questions: state.questions.map((q, i) => (i === index ? change(q) : q)) };
}

export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case 'load':
      return action.state;
    case 'setTitle':
      return { ...state, title: action.title };
    case 'setIntro':
      return { ...state, intro: action.intro };
    case 'add':
      return {
        ...state,
        questions: [...state.questions, newQuestion(action.questionType, state.questions, action.label)],
      };
    case 'remove':
      return { ...state, questions: state.questions.filter((_, i) => i !== action.index) };
    case 'move':
      return { ...state, questions: moveItem(state.questions, action.index, action.by) };
    case 'setLabel':
      return updateAt(state, action.index, (q) => ({ ...q, label: action.label }));
    case 'setRequired':
      return updateAt(state, action.index, (q) => ({ ...q, required: action.required }));
    case 'setType':
      return updateAt(state, action.index, (q) => {
        const { options, ...rest } = q;
        // Switching between the two choice types keeps the options; to a score or text drops them.
        if (!isChoiceType(action.questionType)) return { ...rest, type: action.questionType };
        return { ...rest, type: action.questionType, options: options ?? ['', ''] };
      });
    case 'addOption':
      return updateAt(state, action.index, (q) => ({
        ...q,
        options: [...(q.options ?? []), action.option ?? ''],
      }));
    case 'setOption':
      return updateAt(state, action.index, (q) => ({
        ...q,
        options: (q.options ?? []).map((o, j) => (j === action.option ? action.text : o)),
      }));
    case 'removeOption':
      return updateAt(state, action.index, (q) => ({
        ...q,
        options: (q.options ?? []).filter((_, j) => j !== action.option),
      }));
    case 'moveOption':
      return updateAt(state, action.index, (q) => ({
        ...q,
        options: moveItem(q.options ?? [], action.option, action.by),
      }));
  }
}

/** The request body: options trimmed, and only on choice questions. */
export function builderRequest(state: BuilderState): {
  title: string;
  intro: string;
  questions: SurveyQuestion[];
} {
  return {
    title: state.title.trim(),
    intro: state.intro.trim(),
    questions: state.questions.map((q) => {
      const { options, ...rest } = q;
      const label = rest.label.trim();
      return isChoiceType(q.type)
        ? { ...rest, label, options: (options ?? []).map((o) => o.trim()) }
        : { ...rest, label };
    }),
  };
}

export interface BuilderIssue {
  /** As the server names it: `title`, `questions`, `questions.2.label`, `questions.1.options.0`. */
  path: string;
  code: 'required' | 'duplicate' | 'too_few';
}

/**
 * The checks the server makes too (domain surveyDefinitionIssues), run as the author types so
 * the preview never shows a question the server would refuse.
 */
export function builderIssues(state: BuilderState): BuilderIssue[] {
  const issues: BuilderIssue[] = [];
  if (state.title.trim() === '') issues.push({ path: 'title', code: 'required' });
  if (state.questions.length === 0) issues.push({ path: 'questions', code: 'required' });
  state.questions.forEach((q, i) => {
    if (q.label.trim() === '') issues.push({ path: `questions.${i}.label`, code: 'required' });
    if (!isChoiceType(q.type)) return;
    const seen = new Set<string>();
    (q.options ?? []).forEach((o, j) => {
      const text = o.trim();
      if (text === '') issues.push({ path: `questions.${i}.options.${j}`, code: 'required' });
      else if (seen.has(text)) issues.push({ path: `questions.${i}.options.${j}`, code: 'duplicate' });
      else seen.add(text);
    });
    if (seen.size < 2) issues.push({ path: `questions.${i}.options`, code: 'too_few' });
  });
  return issues;
}
