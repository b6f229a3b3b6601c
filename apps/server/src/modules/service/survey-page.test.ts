import { describe, expect, it } from 'vitest';
import { answersFromForm, escapeHtml, pageLang, renderMessagePage, renderSurveyPage } from './survey-page';

describe('escapeHtml', () => {
  it('makes markup, quotes and backticks inert in content and attributes', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"><img src=x onerror='alert(1)'>`)).toBe(
      '&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;',
    );
    expect(escapeHtml('a & b ` c')).toBe('a &amp; b &#96; c');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml('满意')).toBe('满意');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(5)).toBe('5');
  });
});

describe('the survey page', () => {
  const questions = [
    { id: 'q"1', type: 'single_choice' as const, label: 'L', required: true, options: ['<b>', 'b'] },
    { id: 'n', type: 'nps' as const, label: 'N', required: false },
    { id: 'm', type: 'multi_choice' as const, label: 'M', required: false, options: ['x', 'y'] },
  ];

  it('escapes question ids, options and kept values; keeps checked choices', () => {
    const html = renderSurveyPage({
      lang: 'en',
      action: '/s/t?lang=en',
      switchHref: '/s/t?lang=zh',
      title: 'T',
      intro: '',
      questions,
      values: { 'q_q"1': ['<b>'], q_m: ['y'] },
      errors: [{ path: 'answers.q"1', code: 'required', message: 'x' }],
    });
    expect(html).toContain('name="q_q&quot;1" value="&lt;b&gt;" checked');
    expect(html).toContain('name="q_m" value="y" checked');
    expect(html).not.toContain('name="q_m" value="x" checked');
    expect(html).toContain('Please answer this question');
    expect(html).toContain('lang="en"');
    expect(html).not.toMatch(/<script/i);
  });

  it('reads scores as numbers, several boxes as a list, and leaves junk for validation', () => {
    const f = new URLSearchParams('q_q%221=b&q_n=7&q_m=x&q_m=y');
    expect(answersFromForm(questions, f).answers).toEqual({ 'q"1': 'b', n: 7, m: ['x', 'y'] });
    expect(answersFromForm(questions, new URLSearchParams('q_n=seven')).answers).toEqual({ n: 'seven' });
  });

  it('language: ?lang, then the invitation locale, then Chinese', () => {
    expect(pageLang('en', 'zh-CN')).toBe('en');
    expect(pageLang('zh', 'en-US')).toBe('zh');
    expect(pageLang(undefined, 'en-US')).toBe('en');
    expect(pageLang('fr', null)).toBe('zh');
    expect(renderMessagePage('zh', 'expired')).toContain('链接已过期');
  });
});
