/**
 * Standard reply phrases (标准服务用语, DOMAIN §5): templates an agent picks and sends, with
 * placeholders such as `{{customer.name}}` filled from the ticket. Pure text work: a template is
 * checked when an administrator saves it and rendered when an agent uses it.
 *
 * Offsets are JavaScript string indexes (UTF-16 code units), which is what a textarea's
 * selectionStart counts, so a form can put the cursor on the problem.
 */

export const replyPlaceholders = [
  { name: 'customer.name', zh: '客户名称', en: 'Customer name' },
  { name: 'contact.name', zh: '联系人姓名', en: 'Contact name' },
  { name: 'ticket.number', zh: '工单编号', en: 'Ticket number' },
  { name: 'agent.name', zh: '客服姓名', en: 'Agent name' },
  { name: 'today', zh: '今天日期', en: "Today's date" },
] as const;
export type ReplyPlaceholderName = (typeof replyPlaceholders)[number]['name'];

const known: ReadonlySet<string> = new Set(replyPlaceholders.map((p) => p.name));

export const isReplyPlaceholder = (name: string): name is ReplyPlaceholderName => known.has(name);

export interface TemplateIssue {
  code: 'unknown_placeholder' | 'empty_placeholder' | 'unclosed_placeholder';
  /** The name as written (trimmed); null when there is none to show. */
  name: string | null;
  /** Index of the opening `{{` in the text. */
  offset: number;
  message: string;
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'placeholder'; name: string; raw: string; offset: number }
  | { kind: 'unclosed'; raw: string; offset: number };

/**
 * The text cut into plain runs and placeholders. A `{{` with no `}}` before the next `{{` is
 * unclosed, and scanning resumes at that next `{{`, so one typo does not swallow the placeholders
 * after it.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let textStart = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (open > textStart) tokens.push({ kind: 'text', text: text.slice(textStart, open) });
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const end = nextOpen >= 0 ? nextOpen : text.length;
      tokens.push({ kind: 'unclosed', raw: text.slice(open, end), offset: open });
      pos = textStart = end;
      continue;
    }
    const raw = text.slice(open, close + 2);
    tokens.push({ kind: 'placeholder', name: text.slice(open + 2, close).trim(), raw, offset: open });
    pos = textStart = close + 2;
  }
  if (textStart < text.length) tokens.push({ kind: 'text', text: text.slice(textStart) });
  return tokens;
}

/** Known placeholder names the text uses, each once, in order of first use. */
export function templatePlaceholders(text: string): ReplyPlaceholderName[] {
  const names = new Set<ReplyPlaceholderName>();
  for (const t of tokenize(text))
    if (t.kind === 'placeholder' && isReplyPlaceholder(t.name)) names.add(t.name);
  return [...names];
}

/** What would not render: unknown or empty placeholders and unclosed braces, in text order. */
export function templateIssues(text: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === 'unclosed') {
      issues.push({
        code: 'unclosed_placeholder',
        name: null,
        offset: t.offset,
        message: `"{{" at ${t.offset} is not closed with "}}"`,
      });
    } else if (t.kind === 'placeholder' && t.name === '') {
      issues.push({
        code: 'empty_placeholder',
        name: null,
        offset: t.offset,
        message: `empty placeholder at ${t.offset}`,
      });
    } else if (t.kind === 'placeholder' && !isReplyPlaceholder(t.name)) {
      issues.push({
        code: 'unknown_placeholder',
        name: t.name,
        offset: t.offset,
        message: `unknown placeholder {{${t.name}}} at ${t.offset}`,
      });
    }
  }
  return issues;
}

export type ReplyValues = Readonly<Partial<Record<ReplyPlaceholderName, string | null>>>;

export interface RenderOptions {
  /** A placeholder without a value (absent, null or ''): 'keep' leaves `{{name}}` for the agent to fill, 'blank' drops it. */
  missing: 'keep' | 'blank';
}

/**
 * Fills the placeholders in one pass: a value is inserted as plain text — never HTML, and never
 * scanned for placeholders itself, so a customer named "{{agent.name}}" stays that name.
 * Unknown placeholders and unclosed braces are left as written; `templateIssues` reports them.
 */
export function renderTemplate(
  text: string,
  values: ReplyValues,
  options: RenderOptions = { missing: 'keep' },
): string {
  let out = '';
  for (const t of tokenize(text)) {
    if (t.kind === 'text') out += t.text;
    else if (t.kind === 'unclosed' || !isReplyPlaceholder(t.name)) out += t.raw;
    else {
      const v = Object.hasOwn(values, t.name) ? values[t.name] : undefined;
      if (typeof v === 'string' && v !== '') out += v;
      else if (options.missing === 'keep') out += t.raw;
    }
  }
  return out;
}
