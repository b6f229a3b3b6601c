import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isReplyPlaceholder,
  renderTemplate,
  replyPlaceholders,
  templateIssues,
  templatePlaceholders,
} from './reply-templates';

const values = {
  'customer.name': '华东机械有限公司',
  'contact.name': '王经理',
  'ticket.number': 'T-2025-0042',
  'agent.name': '李娜',
  today: '2025-03-01',
};

describe('replyPlaceholders', () => {
  it('lists the allowed names with both labels', () => {
    expect(replyPlaceholders.map((p) => p.name)).toEqual([
      'customer.name',
      'contact.name',
      'ticket.number',
      'agent.name',
      'today',
    ]);
    for (const p of replyPlaceholders) {
      expect(p.zh).not.toBe('');
      expect(p.en).not.toBe('');
    }
    expect(isReplyPlaceholder('today')).toBe(true);
    expect(isReplyPlaceholder('customer')).toBe(false);
  });
});

describe('templatePlaceholders', () => {
  it('returns the known names used, once each, in order', () => {
    expect(
      templatePlaceholders(
        '{{ contact.name }}您好，工单{{ticket.number}}已受理。{{contact.name}} {{foo}} {{today',
      ),
    ).toEqual(['contact.name', 'ticket.number']);
    expect(templatePlaceholders('no placeholders')).toEqual([]);
  });
});

describe('templateIssues', () => {
  it('accepts valid templates, with whitespace inside braces', () => {
    expect(templateIssues('尊敬的{{customer.name}}：{{  agent.name\t}}为您服务。')).toEqual([]);
    expect(templateIssues('')).toEqual([]);
    expect(templateIssues('a } b }} c {')).toEqual([]);
  });

  it('reports an unknown placeholder with its name and offset', () => {
    const issues = templateIssues('您好 {{ customer.phone }}');
    expect(issues).toEqual([
      expect.objectContaining({ code: 'unknown_placeholder', name: 'customer.phone', offset: 3 }),
    ]);
  });

  it('reports unclosed braces and keeps scanning after them', () => {
    const text = 'x {{customer.name and {{agent.name}} {{oops';
    expect(templateIssues(text).map((i) => [i.code, i.offset])).toEqual([
      ['unclosed_placeholder', 2],
      ['unclosed_placeholder', 37],
    ]);
    expect(text.indexOf('{{oops')).toBe(37);
    expect(templatePlaceholders(text)).toEqual(['agent.name']);
  });

  it('reports empty placeholders and nested braces', () => {
    expect(templateIssues('{{}} {{ }}').map((i) => [i.code, i.offset])).toEqual([
      ['empty_placeholder', 0],
      ['empty_placeholder', 5],
    ]);
    expect(templateIssues('{{{customer.name}}}')).toEqual([
      expect.objectContaining({ code: 'unknown_placeholder', name: '{customer.name' }),
    ]);
  });

  it('is case sensitive', () => {
    expect(templateIssues('{{Customer.Name}}')[0]).toMatchObject({ code: 'unknown_placeholder' });
  });
});

describe('renderTemplate', () => {
  it('fills the placeholders', () => {
    expect(
      renderTemplate(
        '尊敬的{{ customer.name }}，{{contact.name}}：工单 {{ticket.number}}（{{today}}，{{agent.name}}）',
        values,
      ),
    ).toBe('尊敬的华东机械有限公司，王经理：工单 T-2025-0042（2025-03-01，李娜）');
  });

  it('keeps or blanks missing values; null and empty count as missing', () => {
    const text = 'Hi {{ contact.name }}, {{agent.name}}';
    expect(renderTemplate(text, { 'agent.name': 'Li' })).toBe('Hi {{ contact.name }}, Li');
    expect(renderTemplate(text, { 'contact.name': null, 'agent.name': 'Li' }, { missing: 'keep' })).toBe(
      'Hi {{ contact.name }}, Li',
    );
    expect(renderTemplate(text, { 'contact.name': '', 'agent.name': 'Li' }, { missing: 'blank' })).toBe(
      'Hi , Li',
    );
  });

  it('inserts values as plain text, not HTML, and does not expand placeholders in values', () => {
    expect(renderTemplate('{{customer.name}}', { 'customer.name': '<b>A&B</b> $& $1' })).toBe(
      '<b>A&B</b> $& $1',
    );
    expect(
      renderTemplate('{{customer.name}}/{{agent.name}}', {
        'customer.name': '{{agent.name}}',
        'agent.name': 'X',
      }),
    ).toBe('{{agent.name}}/X');
  });

  it('leaves unknown placeholders and unclosed braces as written', () => {
    expect(renderTemplate('{{foo}} {{ today', values, { missing: 'blank' })).toBe('{{foo}} {{ today');
    expect(renderTemplate('{{ {{today}}', values)).toBe('{{ 2025-03-01');
  });

  it('ignores inherited keys of the values object', () => {
    const proto = Object.create({ today: 'inherited' }) as Record<string, string>;
    expect(renderTemplate('{{today}}', proto)).toBe('{{today}}');
  });

  it('property: a text without "{{" renders as itself', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('{{')),
        fc.constantFrom('keep' as const, 'blank' as const),
        (text, missing) => {
          expect(renderTemplate(text, values, { missing })).toBe(text);
          expect(templateIssues(text)).toEqual([]);
        },
      ),
    );
  });

  it('property: keep with no values is identity for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(renderTemplate(text, {}, { missing: 'keep' })).toBe(text);
      }),
    );
  });

  it('property: rendering known placeholders around any plain text inserts the values', () => {
    const plain = fc.string({ maxLength: 20 }).filter((s) => !s.includes('{') && !s.includes('}'));
    fc.assert(
      fc.property(
        plain,
        plain,
        fc.constantFrom(...replyPlaceholders.map((p) => p.name)),
        fc.string(),
        (a, b, name, v) => {
          const text = `${a}{{ ${name} }}${b}`;
          expect(templateIssues(text)).toEqual([]);
          const out = renderTemplate(text, { [name]: v }, { missing: 'blank' });
          expect(out).toBe(`${a}${v}${b}`);
        },
      ),
    );
  });
});
