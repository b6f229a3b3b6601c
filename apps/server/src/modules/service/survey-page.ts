import type { SurveyQuestion } from '@weixi/domain';
import type { FieldIssue } from '@weixi/shared';

/**
 * The page a customer answers a survey on (GET/POST /s/:token): server-rendered HTML, no login,
 * no JavaScript (the CSP allows only same-origin scripts, and a plain form works on every phone),
 * inline CSS only. Every text that came from a person (title, intro, labels, options, answers) goes
 * through `escapeHtml`; nothing else is interpolated.
 */

export type PageLang = 'zh' | 'en';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => entities[c] ?? c);
}

/** The page's language: ?lang wins, then the invitation's locale, then Chinese. */
export function pageLang(query: string | undefined, locale: string | null): PageLang {
  if (query === 'en' || query === 'en-US') return 'en';
  if (query === 'zh' || query === 'zh-CN') return 'zh';
  return locale === 'en-US' ? 'en' : 'zh';
}

const words = {
  zh: {
    htmlLang: 'zh-CN',
    other: { lang: 'en', label: 'English' },
    submit: '提交',
    required: '必答',
    csat: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
    npsLow: '完全不可能',
    npsHigh: '非常可能',
    fixErrors: '请检查标出的问题后再提交。',
    invalidTitle: '链接无效',
    invalidBody: '这个调查链接无效或已损坏。请确认您打开的是邮件或消息中的完整链接。',
    expiredTitle: '链接已过期',
    expiredBody: '这个调查链接已过有效期，无法再提交。感谢您的关注。',
    answeredTitle: '您已提交过',
    answeredBody: '这份调查已经收到您的回答，每个链接只能提交一次。感谢您的反馈！',
    thanksTitle: '感谢您的反馈',
    thanksBody: '您的回答已提交。我们会认真对待每一条意见。',
    errors: {
      required: '请回答此题',
      out_of_range: '请选择有效的分数',
      invalid_type: '回答格式不正确',
      not_integer: '请选择有效的分数',
      unknown_option: '请选择列出的选项',
      duplicate_choice: '选项重复',
      too_long: '内容过长（最多 2000 字）',
      unknown_question: '未知的问题',
    } as Record<string, string>,
  },
  en: {
    htmlLang: 'en',
    other: { lang: 'zh', label: '中文' },
    submit: 'Submit',
    required: 'required',
    csat: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    fixErrors: 'Please check the questions marked below and submit again.',
    invalidTitle: 'Link not valid',
    invalidBody:
      'This survey link is not valid or is damaged. Please make sure you opened the complete link from the e-mail or message.',
    expiredTitle: 'Link expired',
    expiredBody: 'This survey link has expired and can no longer be answered. Thank you for your interest.',
    answeredTitle: 'Already answered',
    answeredBody:
      'We have already received your answers to this survey; each link can be used once. Thank you!',
    thanksTitle: 'Thank you for your feedback',
    thanksBody: 'Your answers have been sent. We read every one of them.',
    errors: {
      required: 'Please answer this question',
      out_of_range: 'Please choose a valid score',
      invalid_type: 'This answer is not in the right form',
      not_integer: 'Please choose a valid score',
      unknown_option: 'Please choose one of the listed options',
      duplicate_choice: 'An option is chosen twice',
      too_long: 'Too long (at most 2000 characters)',
      unknown_question: 'Unknown question',
    } as Record<string, string>,
  },
} as const;

const style = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f5f6f8}
main{max-width:640px;margin:0 auto;padding:16px}
header{display:flex;justify-content:flex-end}
header a{color:#1677ff;text-decoration:none;font-size:14px}
h1{font-size:22px;margin:8px 0 12px}
.intro{white-space:pre-wrap;color:#444;margin:0 0 16px}
fieldset{border:0;background:#fff;border-radius:8px;margin:0 0 12px;padding:14px 14px 10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
legend{float:left;width:100%;padding:0;margin:0 0 8px;font-weight:600}
legend .req{color:#cf1322;font-weight:400;font-size:13px;margin-left:6px}
.opts{clear:both;display:flex;flex-wrap:wrap;gap:8px}
.opts label{display:flex;align-items:center;gap:6px;border:1px solid #d0d7de;border-radius:6px;padding:8px 10px;min-height:44px;background:#fff;cursor:pointer}
.opts.col{flex-direction:column}
.scale label{flex:1 1 0;min-width:44px;justify-content:center;flex-direction:column;gap:2px;text-align:center;font-size:13px}
.scale label b{font-size:16px}
.ends{clear:both;display:flex;justify-content:space-between;font-size:12px;color:#666;margin-top:4px}
textarea{clear:both;display:block;width:100%;min-height:96px;font:inherit;padding:8px;border:1px solid #d0d7de;border-radius:6px}
.err{color:#cf1322;font-size:14px;margin:6px 0 0}
.alert{background:#fff1f0;border:1px solid #ffccc7;color:#a8071a;border-radius:6px;padding:10px 12px;margin:0 0 12px}
button{width:100%;min-height:48px;font:inherit;font-weight:600;color:#fff;background:#1677ff;border:0;border-radius:8px;margin:8px 0 24px}
.msg{background:#fff;border-radius:8px;padding:24px 16px;text-align:center;margin-top:24px}
`;

function shell(lang: PageLang, title: string, body: string, switchHref: string | null): string {
  const w = words[lang];
  const other = switchHref
    ? `<header><a href="${escapeHtml(switchHref)}" hreflang="${w.other.lang === 'en' ? 'en' : 'zh-CN'}">${w.other.label}</a></header>`
    : '';
  return `<!doctype html>
<html lang="${w.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${other}
${body}
</main>
</body>
</html>
`;
}

export type MessageKind = 'invalid' | 'expired' | 'answered' | 'thanks';

/** A page with one message: a bad, expired or used link, or the thanks after answering. */
export function renderMessagePage(
  lang: PageLang,
  kind: MessageKind,
  switchHref: string | null = null,
): string {
  const w = words[lang];
  const texts: Record<MessageKind, { title: string; body: string }> = {
    invalid: { title: w.invalidTitle, body: w.invalidBody },
    expired: { title: w.expiredTitle, body: w.expiredBody },
    answered: { title: w.answeredTitle, body: w.answeredBody },
    thanks: { title: w.thanksTitle, body: w.thanksBody },
  };
  const { title, body } = texts[kind];
  return shell(
    lang,
    title,
    `<div class="msg"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></div>`,
    switchHref,
  );
}

/** What the form sent, kept to fill the form again when it has errors. */
export type FormValues = Record<string, string[]>;

export interface SurveyPageInput {
  lang: PageLang;
  /** The form's own address, e.g. /s/<token>?lang=en. */
  action: string;
  /** The same page in the other language. */
  switchHref: string;
  title: string;
  intro: string;
  questions: readonly SurveyQuestion[];
  values?: FormValues;
  errors?: readonly FieldIssue[];
}

/** The form field of a question: ids are free text, so they are escaped where they appear. */
export const fieldName = (questionId: string) => `q_${questionId}`;

function choiceInputs(
  type: 'radio' | 'checkbox',
  name: string,
  options: readonly { value: string; label: string }[],
  chosen: readonly string[],
  cls: string,
): string {
  const inputs = options
    .map(
      (o) =>
        `<label><input type="${type}" name="${escapeHtml(name)}" value="${escapeHtml(o.value)}"${
          chosen.includes(o.value) ? ' checked' : ''
        }>${o.label}</label>`,
    )
    .join('');
  return `<div class="opts ${cls}">${inputs}</div>`;
}

function questionHtml(
  lang: PageLang,
  q: SurveyQuestion,
  index: number,
  values: FormValues,
  error: FieldIssue | undefined,
): string {
  const w = words[lang];
  const name = fieldName(q.id);
  const chosen = values[name] ?? [];
  let input: string;
  switch (q.type) {
    case 'csat':
      input = choiceInputs(
        'radio',
        name,
        w.csat.map((label, i) => ({ value: String(i + 1), label: `<b>${i + 1}</b>${escapeHtml(label)}` })),
        chosen,
        'scale',
      );
      break;
    case 'nps':
      input =
        choiceInputs(
          'radio',
          name,
          Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: `<b>${i}</b>` })),
          chosen,
          'scale',
        ) +
        `<div class="ends"><span>0 ${escapeHtml(w.npsLow)}</span><span>10 ${escapeHtml(w.npsHigh)}</span></div>`;
      break;
    case 'single_choice':
    case 'multi_choice':
      input = choiceInputs(
        q.type === 'single_choice' ? 'radio' : 'checkbox',
        name,
        (q.options ?? []).map((o) => ({ value: o, label: escapeHtml(o) })),
        chosen,
        'col',
      );
      break;
    case 'free_text':
      input = `<textarea name="${escapeHtml(name)}" maxlength="2000" aria-label="${escapeHtml(q.label)}">${escapeHtml(
        chosen[0] ?? '',
      )}</textarea>`;
      break;
  }
  const req = q.required ? `<span class="req">* ${escapeHtml(w.required)}</span>` : '';
  const err = error
    ? `<p class="err" role="alert">${escapeHtml(w.errors[error.code] ?? error.message)}</p>`
    : '';
  return `<fieldset><legend>${index + 1}. ${escapeHtml(q.label)}${req}</legend>${input}${err}</fieldset>`;
}

/** The survey form; with `errors`, the answers given are kept and each problem shown by its question. */
export function renderSurveyPage(p: SurveyPageInput): string {
  const w = words[p.lang];
  const values = p.values ?? {};
  const errorOf = new Map((p.errors ?? []).map((e) => [e.path.replace(/^answers\./, ''), e]));
  const alert = p.errors?.length ? `<p class="alert" role="alert">${escapeHtml(w.fixErrors)}</p>` : '';
  const intro = p.intro ? `<p class="intro">${escapeHtml(p.intro)}</p>` : '';
  const questions = p.questions
    .map((q, i) => questionHtml(p.lang, q, i, values, errorOf.get(q.id)))
    .join('\n');
  const body = `<h1>${escapeHtml(p.title)}</h1>
${intro}${alert}<form method="post" action="${escapeHtml(p.action)}">
${questions}
<button type="submit">${escapeHtml(w.submit)}</button>
</form>`;
  return shell(p.lang, p.title, body, p.switchHref);
}

/**
 * The answers a posted form carries: scores as numbers (anything else is left as text for the
 * validation to refuse by question), several boxes of a multiple choice as a list.
 */
export function answersFromForm(
  questions: readonly SurveyQuestion[],
  form: URLSearchParams,
): { answers: Record<string, unknown>; values: FormValues } {
  const answers: Record<string, unknown> = {};
  const values: FormValues = {};
  for (const q of questions) {
    const all = form.getAll(fieldName(q.id));
    values[fieldName(q.id)] = all;
    if (all.length === 0) continue;
    if (q.type === 'multi_choice') answers[q.id] = all;
    else if (q.type === 'csat' || q.type === 'nps') {
      const v = all[0] ?? '';
      answers[q.id] = /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : v;
    } else answers[q.id] = all[0];
  }
  return { answers, values };
}
