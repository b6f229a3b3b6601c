import type { Contact, CustomerDetail } from '@weixi/shared';
import type PDFDocumentClass from 'pdfkit';
import type { CardFonts } from './card-font';
import { type CardLabels, type CardLang, cardLabels } from './card-labels';
import type { CardLayout } from './card-layout';

export interface CardInput {
  /** Already masked for the printing actor: the card shows what the detail API would show. */
  customer: CustomerDetail;
  layout: CardLayout;
  lang: CardLang;
  printedAt: Date;
  printedBy: string;
  /** Business time zone (TZ_BUSINESS): dates on paper are read in the office, not in UTC. */
  timeZone: string;
  /** Records not verified within this many days are flagged on the card (时效性). */
  verifyAfterDays: number;
}

// A4 portrait in PDF points. Margins are ours, not pdfkit's: the document has zero margins and
// every text call carries an explicit height, so pdfkit can never start a second page on its own.
const pageW = 595.28;
const pageH = 841.89;
const margin = 40;
const contentW = pageW - 2 * margin;
const footerH = 46;
const bodyBottom = pageH - margin - footerH;

// Greys only: the card must read the same from a black-and-white office printer.
const ink = {
  strong: '#000000',
  body: '#1f1f1f',
  muted: '#595959',
  rule: '#7f7f7f',
  hair: '#b3b3b3',
  fill: '#ececec',
  banner: '#141414',
  white: '#ffffff',
};

interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'center' | 'right';
  lineGap?: number;
  /** Longer text is cut at this many lines with an ellipsis. */
  maxLines?: number;
  characterSpacing?: number;
}

const sectionTitleStyle: TextStyle = { size: 11, bold: true, color: ink.strong };
const moreStyle: TextStyle = { size: 9, bold: true, color: ink.strong };

/**
 * How many contacts, laid out one under another with these heights, fit in `space` points,
 * keeping room for the "另有 N 位联系人" line whenever any contact stays off the card (those cut
 * here, or `othersOmitted`: contacts the card leaves out by design, not being key people).
 */
export function contactsThatFit(
  heights: readonly number[],
  space: number,
  moreH: number,
  gap: number,
  othersOmitted: boolean,
): number {
  let used = 0;
  for (const [i, h] of heights.entries()) {
    const cutAfter = i < heights.length - 1 || othersOmitted;
    if (used + h + (cutAfter ? moreH : 0) > space) return i;
    used += h + gap;
  }
  return heights.length;
}

/** Collapses runs of whitespace so that user-entered line breaks cannot blow up a table cell. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Keeps paragraph breaks (notes are often written as short lines) but no blank-line runs. */
const paragraphs = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

class CardWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly t: CardLabels;

  constructor(
    readonly input: CardInput,
    fonts: CardFonts,
    PDFDocument: typeof PDFDocumentClass,
  ) {
    this.t = cardLabels[input.lang];
    const name = input.customer.name;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      // An empty default font keeps pdfkit from loading Helvetica's metrics: every glyph on the
      // card comes from the embedded CJK font, so Latin and Chinese share one baseline and look.
      font: '',
      bufferPages: true,
      lang: input.lang === 'zh' ? 'zh-CN' : 'en',
      displayTitle: true,
      info: {
        Title: `${input.layout === 'key' ? this.t.keyTitle : this.t.title} - ${name}`,
        Author: input.printedBy,
        Subject: name,
        Creator: 'Weixi',
        Producer: 'Weixi',
        // The request's clock, not the wall clock, so that tests can pin it.
        CreationDate: input.printedAt,
        ModDate: input.printedAt,
      },
    });
    this.doc.registerFont('regular', fonts.regular);
    this.doc.registerFont('bold', fonts.bold);
  }

  private use(s: TextStyle): void {
    this.doc
      .font(s.bold ? 'bold' : 'regular')
      .fontSize(s.size)
      .fillColor(s.color ?? ink.body);
  }

  lineHeight(s: TextStyle): number {
    this.use(s);
    return this.doc.currentLineHeight(true) + (s.lineGap ?? 0);
  }

  width(text: string, s: TextStyle): number {
    this.use(s);
    return this.doc.widthOfString(text, { characterSpacing: s.characterSpacing ?? 0 });
  }

  /** Height the text takes in a box of `width`, after clamping to `maxLines`. */
  measure(text: string, width: number, s: TextStyle): number {
    if (!text) return 0;
    const lh = this.lineHeight(s);
    const natural = this.doc.heightOfString(text, {
      width,
      lineGap: s.lineGap ?? 0,
      characterSpacing: s.characterSpacing ?? 0,
    });
    const lines = Math.max(1, Math.round(natural / lh));
    return Math.min(lines, s.maxLines ?? lines) * lh;
  }

  /** Draws text in a box and returns the height used; never more than `maxLines` lines. */
  text(text: string, x: number, y: number, width: number, s: TextStyle): number {
    if (!text) return 0;
    const h = this.measure(text, width, s);
    this.use(s);
    this.doc.text(text, x, y, {
      width,
      // pdfkit stops before the line that would cross `height` and puts the ellipsis on the last
      // line it draws; the tiny slack absorbs rounding so the final allowed line is not dropped.
      height: h + 0.01,
      ellipsis: '…',
      align: s.align ?? 'left',
      lineGap: s.lineGap ?? 0,
      characterSpacing: s.characterSpacing ?? 0,
    });
    return h;
  }

  /** The largest size from `sizes` at which the text fits in `maxLines`, else the smallest. */
  fitSize(
    text: string,
    width: number,
    sizes: number[],
    s: Omit<TextStyle, 'size'>,
    maxLines: number,
  ): number {
    for (const size of sizes) {
      const lh = this.lineHeight({ ...s, size });
      if (this.measure(text, width, { ...s, size }) <= lh * maxLines + 0.5) return size;
    }
    return sizes[sizes.length - 1] ?? 10;
  }

  rule(x: number, y: number, w: number, width = 0.5, color = ink.hair): void {
    this.doc
      .moveTo(x, y)
      .lineTo(x + w, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }

  box(
    x: number,
    y: number,
    w: number,
    h: number,
    opts: { fill?: string; stroke?: string; lineWidth?: number; radius?: number },
  ): void {
    const d = this.doc;
    d.save();
    if (opts.radius) d.roundedRect(x, y, w, h, opts.radius);
    else d.rect(x, y, w, h);
    d.lineWidth(opts.lineWidth ?? 0.5);
    if (opts.fill && opts.stroke) d.fillAndStroke(opts.fill, opts.stroke);
    else if (opts.fill) d.fill(opts.fill);
    else d.stroke(opts.stroke ?? ink.hair);
    d.restore();
  }

  /** A small outlined tag (grade, category, decision role); returns its width. */
  chip(label: string, x: number, y: number, opts: { inverse?: boolean; size?: number } = {}): number {
    const size = opts.size ?? 8.5;
    const style: TextStyle = { size, bold: true, color: opts.inverse ? ink.white : ink.strong };
    const w = this.width(label, style) + 10;
    const h = this.lineHeight(style) + 1;
    if (opts.inverse) this.box(x, y, w, h, { fill: ink.banner, radius: 2 });
    else this.box(x, y, w, h, { stroke: ink.strong, lineWidth: 0.8, radius: 2 });
    this.use(style);
    this.doc.text(label, x + 5, y + 0.5, { lineBreak: false, height: h });
    return w;
  }

  // ---- dates ---------------------------------------------------------------------------------

  private parts(d: Date): Record<string, string> {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.input.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
  }

  date(iso: string): string {
    const p = this.parts(new Date(iso));
    return `${p.year}-${p.month}-${p.day}`;
  }

  dateTime(d: Date): string {
    const p = this.parts(d);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }

  /** Distinguishes "blank" from "not yet recorded" so that gaps on the card are visible. */
  or(v: string | null | undefined): string {
    const s = v ? oneLine(v) : '';
    return s || this.t.none;
  }

  // ---- shared blocks -------------------------------------------------------------------------

  /** Customer name, shrunk then wrapped so that long registered names still fit the header. */
  customerName(y: number, width: number): number {
    const name = oneLine(this.input.customer.name);
    const size = this.fitSize(name, width, [20, 18, 16, 14], { bold: true }, 2);
    return this.text(name, margin, y, width, { size, bold: true, color: ink.strong, maxLines: 3 });
  }

  /** 简称 · 信用代码 · 类型, one muted line under the name. */
  identityLine(y: number): number {
    const c = this.input.customer;
    const t = this.t;
    const bits = [
      c.shortName ? `${t.shortName} ${oneLine(c.shortName)}` : '',
      c.creditCode ? `${t.creditCode} ${c.creditCode}` : '',
      t.kinds[c.kind],
    ].filter(Boolean);
    return this.text(bits.join('    '), margin, y, contentW, { size: 9, color: ink.muted, maxLines: 1 });
  }

  classificationChips(x: number, y: number, inverse = false): number {
    const c = this.input.customer;
    const t = this.t;
    const chips = [
      c.grade ? t.grade(c.grade) : '',
      t.categories[c.category],
      t.lifecycles[c.lifecycle],
      c.valueTier ? t.tiers[c.valueTier] : '',
    ].filter(Boolean);
    let cx = x;
    for (const label of chips) cx += this.chip(label, cx, y, { inverse }) + 5;
    return this.lineHeight({ size: 8.5, bold: true }) + 1;
  }

  /** An invalid or merged customer still prints, but nobody should mistake the card for a live one. */
  statusStamp(y: number): void {
    const c = this.input.customer;
    const label = this.t.statusStamp[c.status];
    if (!label) return;
    const style: TextStyle = { size: 15, bold: true, color: ink.strong, characterSpacing: 2 };
    const w = Math.max(this.width(label, style) + 20, 92);
    const x = margin + contentW - w;
    const reason = c.invalidReason ? `${this.t.reason}：${oneLine(c.invalidReason)}` : '';
    const reasonH = reason ? this.measure(reason, w - 10, { size: 7.5, maxLines: 2 }) : 0;
    const h = this.lineHeight(style) + 8 + reasonH;
    this.box(x, y, w, h, { fill: ink.white, stroke: ink.strong, lineWidth: 1.6, radius: 3 });
    this.text(label, x, y + 4, w, { ...style, align: 'center' });
    if (reason)
      this.text(reason, x + 5, y + 4 + this.lineHeight(style), w - 10, {
        size: 7.5,
        maxLines: 2,
        align: 'center',
      });
  }

  verification(): { text: string; overdue: boolean } {
    const c = this.input.customer;
    const t = this.t;
    if (!c.verifiedAt) return { text: t.notVerified, overdue: true };
    const ageDays = (this.input.printedAt.getTime() - new Date(c.verifiedAt).getTime()) / 86_400_000;
    const text = t.verifiedBy(this.date(c.verifiedAt), c.verifiedBy?.name ?? '');
    return ageDays > this.input.verifyAfterDays
      ? { text: `${text}（${t.verifyOverdue(this.input.verifyAfterDays)}）`, overdue: true }
      : { text, overdue: false };
  }

  /** Label/value form rows, as on a paper card: four columns, or one value across three. */
  grid(y: number, rows: GridRow[], labelW: number): number {
    const valueW = (contentW - 2 * labelW) / 2;
    const pad = 4.5;
    const label: TextStyle = { size: 8, color: ink.muted, maxLines: 2 };
    let top = y;
    this.rule(margin, top, contentW, 0.9, ink.strong);
    for (const row of rows) {
      const cells =
        row.length === 1
          ? [{ ...row[0], x: margin, w: contentW - labelW }]
          : row.map((c, i) => ({ ...c, x: margin + i * (labelW + valueW), w: valueW }));
      const heights = cells.map((c) =>
        Math.max(
          this.measure(c.label, labelW - 2 * pad, label),
          this.measure(c.value || ' ', c.w - 2 * pad, {
            size: 9.5,
            bold: c.strong,
            maxLines: c.maxLines ?? 2,
          }),
        ),
      );
      const h = Math.max(...heights) + 2 * pad;
      for (const c of cells) {
        this.box(c.x, top, labelW, h, { fill: ink.fill });
        this.text(c.label, c.x + pad, top + pad + 0.5, labelW - 2 * pad, label);
        this.text(c.value, c.x + labelW + pad, top + pad, c.w - 2 * pad, {
          size: 9.5,
          bold: c.strong,
          color: c.strong ? ink.strong : ink.body,
          maxLines: c.maxLines ?? 2,
        });
      }
      top += h;
      this.rule(margin, top, contentW, 0.5, ink.hair);
    }
    this.rule(margin, top, contentW, 0.9, ink.strong);
    return top - y;
  }

  customerRows(extra: boolean): GridRow[] {
    const c = this.input.customer;
    const t = this.t;
    const v = this.verification();
    const contact = (value: string) => (value ? oneLine(value) : t.none);
    const rows: GridRow[] = [
      [
        { label: t.industry, value: this.or(c.industry) },
        { label: t.scale, value: c.scale ? t.scales[c.scale] : t.none },
      ],
      [
        { label: t.region, value: this.or(c.regionName) },
        { label: t.owner, value: c.owner?.name ?? t.none, strong: true },
      ],
      [{ label: t.address, value: this.or(c.address) }],
      [
        { label: t.phone, value: contact(c.phone) },
        { label: t.email, value: contact(c.email) },
      ],
      [
        { label: t.website, value: contact(c.website) },
        { label: t.wechat, value: contact(c.wechat) },
      ],
    ];
    if (extra) {
      rows.push(
        [
          { label: t.signedOn, value: this.or(c.signedOn) },
          { label: t.foundedOn, value: this.or(c.foundedOn) },
        ],
        [
          { label: t.source, value: c.source ? t.sources[c.source] : t.none },
          { label: t.collaborators, value: this.or(c.collaborators.map((u) => u.name).join('、')) },
        ],
      );
    }
    rows.push([{ label: t.verified, value: v.text, strong: v.overdue }]);
    if (extra) {
      rows.push([{ label: t.tags, value: c.tags.length ? c.tags.join(' · ') : t.none }]);
      rows.push([{ label: t.preferences, value: paragraphs(c.preferences) || t.none, maxLines: 4 }]);
    }
    return rows;
  }

  sectionTitle(y: number, title: string, note: string): number {
    const h = this.lineHeight(sectionTitleStyle);
    this.box(margin, y + 2.5, 3, h - 5, { fill: ink.strong });
    this.text(title, margin + 8, y, contentW / 2, sectionTitleStyle);
    if (note)
      this.text(note, margin + contentW / 2, y + 2, contentW / 2, {
        size: 8.5,
        color: ink.muted,
        align: 'right',
        maxLines: 1,
      });
    return h + 4;
  }

  /**
   * Which contacts the card is about: the flagged key people; when nobody is flagged yet, the
   * first contacts (the repository orders key contacts first, then by name).
   */
  contactsToShow(): Contact[] {
    const all = this.input.customer.contacts;
    const key = all.filter((k) => k.isKey);
    return key.length > 0 ? key : all;
  }

  contactsTitle(): string {
    return this.input.customer.contacts.some((k) => k.isKey) ? this.t.keyContacts : this.t.contacts;
  }

  contactLines(k: Contact): string {
    const t = this.t;
    return [k.phone, k.email, k.wechat ? `${t.wechat} ${k.wechat}` : '']
      .map((s) => oneLine(s))
      .filter(Boolean)
      .join('\n');
  }

  role(k: Contact): string {
    const t = this.t;
    return [k.decisionRole ? t.roles[k.decisionRole] : '', k.hasDecisionAuthority ? t.hasAuthority : '']
      .filter(Boolean)
      .join('\n');
  }

  moreLineHeight(): number {
    return this.lineHeight(moreStyle) + 6;
  }

  /** "另有 N 位联系人" under a cut list, so the reader knows the card is not the whole story. */
  moreLine(y: number, n: number): number {
    const t = this.t;
    const a = moreStyle;
    const w = this.width(t.more(n), a);
    this.text(t.more(n), margin + 4, y, w + 2, a);
    this.text(`（${t.moreHint}）`, margin + 8 + w, y + 0.8, contentW - w - 12, {
      size: 8,
      color: ink.muted,
      maxLines: 1,
    });
    return this.lineHeight(a);
  }

  footer(): void {
    const t = this.t;
    const i = this.input;
    const top = pageH - margin - footerH + 8;
    this.rule(margin, top, contentW, 0.9, ink.strong);
    this.text(t.principle, margin, top + 6, contentW, {
      size: 10,
      bold: true,
      color: ink.strong,
      align: 'center',
      characterSpacing: i.lang === 'zh' ? 2 : 0.5,
    });
    const printed = `${t.printedAt} ${this.dateTime(i.printedAt)} (${i.timeZone})   ${t.printedBy} ${oneLine(i.printedBy)}`;
    const notes = [i.customer.masked ? t.masked : '', t.confidential].filter(Boolean).join('  ·  ');
    const y = top + 24;
    const small: TextStyle = { size: 7.5, color: ink.muted, maxLines: 1 };
    // The notes (masking, confidentiality) matter more than a long printer's name: they get their
    // natural width and the printed-by line takes what is left, so the two never overlap.
    const gapW = 12;
    const notesW = Math.min(this.width(notes, small) + 2, contentW * 0.6);
    this.text(printed, margin, y, contentW - notesW - gapW, small);
    this.text(notes, margin + contentW - notesW, y, notesW, {
      size: 7.5,
      color: ink.muted,
      align: 'right',
      maxLines: 1,
    });
  }

  // ---- layouts -------------------------------------------------------------------------------

  standard(): void {
    const t = this.t;
    let y = margin;
    this.text(t.title, margin, y, contentW, {
      size: 20,
      bold: true,
      color: ink.strong,
      align: 'center',
      characterSpacing: this.input.lang === 'zh' ? 6 : 1,
    });
    y += this.lineHeight({ size: 20, bold: true }) - 2;
    this.text(t.subtitle, margin, y, contentW, {
      size: 7.5,
      color: ink.muted,
      align: 'center',
      characterSpacing: this.input.lang === 'zh' ? 2 : 1,
      maxLines: 1,
    });
    y += 16;
    this.rule(margin, y, contentW, 1.6, ink.strong);
    this.rule(margin, y + 2.6, contentW, 0.5, ink.strong);
    y += 12;
    this.statusStamp(y);
    const stampW = this.input.customer.status === 'active' ? 0 : 110;
    y += this.customerName(y, contentW - stampW) + 2;
    y += this.identityLine(y) + 6;
    y += this.classificationChips(margin, y) + 12;
    y += this.grid(y, this.customerRows(false), 64) + 16;
    this.contactTable(y);
  }

  contactTable(y: number): void {
    const t = this.t;
    const shown = this.contactsToShow();
    const total = this.input.customer.contacts.length;
    const cols = [
      { title: t.contactName, w: 64 },
      { title: t.employer, w: 98 },
      { title: t.position, w: 70 },
      { title: t.contactDetails, w: 118 },
      { title: t.contactAddress, w: 100 },
      { title: t.decisionRole, w: contentW - 64 - 98 - 70 - 118 - 100 },
    ];
    const pad = 4;
    const cell: TextStyle = { size: 8.5, maxLines: 4 };
    const head: TextStyle = { size: 8.5, bold: true, color: ink.strong, maxLines: 1 };
    const values = (k: Contact) => [
      oneLine(k.name),
      oneLine(k.employer) || oneLine(this.input.customer.name),
      this.or(k.position),
      this.contactLines(k) || t.none,
      this.or(k.address),
      this.role(k) || t.none,
    ];
    const rows = shown.map((k) => {
      const vals = values(k);
      const h =
        Math.max(...vals.map((v, j) => this.measure(v, cols[j]!.w - 2 * pad, { ...cell, bold: j === 0 }))) +
        2 * pad;
      return { vals, h };
    });
    const headH = this.lineHeight(head) + 2 * pad;
    const titleH = this.lineHeight(sectionTitleStyle) + 4;
    const moreH = this.moreLineHeight() + 5;
    const fit = contactsThatFit(
      rows.map((r) => r.h),
      bodyBottom - y - titleH - headH,
      moreH,
      0,
      shown.length < total,
    );
    y += this.sectionTitle(y, this.contactsTitle(), total ? t.contactsCount(fit, total) : '');

    this.box(margin, y, contentW, headH, { fill: ink.fill });
    this.rule(margin, y, contentW, 0.9, ink.strong);
    let x = margin;
    for (const c of cols) {
      this.text(c.title, x + pad, y + pad, c.w - 2 * pad, head);
      x += c.w;
    }
    y += headH;
    this.rule(margin, y, contentW, 0.6, ink.rule);

    if (shown.length === 0) {
      this.text(t.noContacts, margin, y + 8, contentW, { size: 9, color: ink.muted, align: 'center' });
      this.rule(margin, y + 28, contentW, 0.9, ink.strong);
      return;
    }

    for (const { vals, h } of rows.slice(0, fit)) {
      x = margin;
      for (const [j, v] of vals.entries()) {
        const col = cols[j]!;
        this.text(v, x + pad, y + pad, col.w - 2 * pad, {
          ...cell,
          bold: j === 0,
          color: j === 0 ? ink.strong : ink.body,
        });
        x += col.w;
      }
      y += h;
      this.rule(margin, y, contentW, 0.5, ink.hair);
    }
    this.rule(margin, y, contentW, 0.9, ink.strong);
    if (fit < total) this.moreLine(y + 5, total - fit);
  }

  keyCustomer(): void {
    const t = this.t;
    const c = this.input.customer;
    // A double frame and a solid banner set the key card apart at a glance, even in a stack of
    // black-and-white printouts.
    this.box(margin - 14, margin - 14, contentW + 28, pageH - 2 * margin + 28, {
      stroke: ink.strong,
      lineWidth: 2,
    });
    this.box(margin - 10, margin - 10, contentW + 20, pageH - 2 * margin + 20, {
      stroke: ink.strong,
      lineWidth: 0.5,
    });

    let y = margin;
    const bannerH = 50;
    this.box(margin, y, contentW, bannerH, { fill: ink.banner });
    const titleStyle: TextStyle = {
      size: 19,
      bold: true,
      color: ink.white,
      characterSpacing: this.input.lang === 'zh' ? 4 : 0.5,
    };
    this.text(
      `★ ${t.keyTitle}`,
      margin + 14,
      y + (bannerH - this.lineHeight(titleStyle)) / 2,
      contentW * 0.7,
      titleStyle,
    );
    const right: TextStyle = {
      size: 8,
      bold: true,
      color: ink.white,
      align: 'right',
      characterSpacing: 1.5,
      maxLines: 1,
    };
    this.text(t.keyBanner, margin + contentW * 0.5, y + 10, contentW * 0.5 - 14, right);
    this.text(t.subtitle, margin + contentW * 0.4, y + 26, contentW * 0.6 - 14, {
      ...right,
      bold: false,
      size: 7.5,
      characterSpacing: 1,
    });
    y += bannerH + 12;

    this.statusStamp(y);
    const stampW = c.status === 'active' ? 0 : 110;
    y += this.customerName(y, contentW - stampW) + 2;
    y += this.identityLine(y) + 6;
    y += this.classificationChips(margin, y, true) + 12;
    y += this.grid(y, this.customerRows(true), 72) + 14;
    this.contactBlocks(y);
  }

  /** Key-card contacts: one block each, with the personal details relationship work depends on. */
  contactBlocks(y: number): void {
    const t = this.t;
    const shown = this.contactsToShow();
    const total = this.input.customer.contacts.length;
    const gap = 6;
    const heights = shown.map((k) => this.contactBlock(k, 0, false));
    const titleH = this.lineHeight(sectionTitleStyle) + 4;
    const fit = contactsThatFit(
      heights,
      bodyBottom - y - titleH,
      this.moreLineHeight(),
      gap,
      shown.length < total,
    );
    y += this.sectionTitle(y, this.contactsTitle(), total ? t.contactsCount(fit, total) : '');
    if (shown.length === 0) {
      this.box(margin, y, contentW, 28, { stroke: ink.hair });
      this.text(t.noContacts, margin, y + 8, contentW, { size: 9, color: ink.muted, align: 'center' });
      return;
    }
    for (const [i, k] of shown.slice(0, fit).entries()) {
      this.contactBlock(k, y, true);
      y += heights[i]! + gap;
    }
    if (fit < total) this.moreLine(y, total - fit);
  }

  /** Lays out one contact block; measures only unless `draw`, so the caller can check the fit first. */
  contactBlock(k: Contact, y0: number, draw: boolean): number {
    const t = this.t;
    const c = this.input.customer;
    const pad = 7;
    const x0 = margin + 4 + pad;
    const w = contentW - 4 - 2 * pad;
    const nameStyle: TextStyle = { size: 11.5, bold: true, color: ink.strong, maxLines: 1 };
    const sub: TextStyle = { size: 9, color: ink.muted, maxLines: 2 };
    const label: TextStyle = { size: 7.5, color: ink.muted, maxLines: 1 };
    const value: TextStyle = { size: 9, maxLines: 2 };
    let y = y0 + pad;

    const name = oneLine(k.name);
    const nameW = Math.min(this.width(name, nameStyle) + 2, w * 0.35);
    const roleChips = [
      k.decisionRole ? t.roles[k.decisionRole] : '',
      k.hasDecisionAuthority ? t.hasAuthority : '',
    ].filter(Boolean);
    const chipsW = roleChips.reduce((s, r) => s + this.width(r, { size: 8, bold: true }) + 15, 0);
    const subline = [this.or(k.position), oneLine(k.employer) || oneLine(c.name)].join('  ·  ');
    const subX = x0 + nameW + 10;
    const subW = Math.max(w - nameW - 10 - chipsW, 60);
    const firstH = Math.max(this.lineHeight(nameStyle), this.measure(subline, subW, sub) + 2);
    if (draw) {
      this.text(name, x0, y, nameW, nameStyle);
      this.text(subline, subX, y + 3, subW, sub);
      let cx = x0 + w;
      for (const r of [...roleChips].reverse()) {
        cx -= this.width(r, { size: 8, bold: true }) + 10;
        this.chip(r, cx, y + 2, { size: 8 });
        cx -= 5;
      }
    }
    y += firstH + 3;

    // Two rows of three inline "label value" fields, then address and notes across the block.
    // Each column's label width is its longest label, so values line up down the column.
    const fields: [string, string][][] = [
      [
        [t.phone, this.or(k.phone)],
        [t.birthday, this.or(k.birthday)],
      ],
      [
        [t.email, this.or(k.email)],
        [t.preferredChannel, k.preferredChannel ? t.channels[k.preferredChannel] : t.none],
      ],
      [
        [t.wechat, this.or(k.wechat)],
        [t.decisionAuthority, k.hasDecisionAuthority ? t.hasAuthority : t.noAuthority],
      ],
    ];
    const colWs = [w * 0.3, w * 0.42, w * 0.28];
    const labelWs = fields.map((col) => Math.max(...col.map(([l]) => this.width(l, label))) + 6);
    for (let r = 0; r < 2; r++) {
      let x = x0;
      let rowH = 0;
      for (const [j, col] of fields.entries()) {
        const [l, v] = col[r]!;
        const lw = labelWs[j]!;
        const vw = colWs[j]! - lw - 6;
        rowH = Math.max(rowH, this.measure(v, vw, value));
        if (draw) {
          this.text(l, x, y + 1.3, lw, label);
          this.text(v, x + lw, y, vw, value);
        }
        x += colWs[j]!;
      }
      y += rowH + 1;
    }
    const wide: [string, string][] = [
      [t.contactAddress, this.or(k.address)],
      [t.personalNotes, oneLine(k.personalNotes) || t.none],
    ];
    const wideLabelW = Math.max(...wide.map(([l]) => this.width(l, label))) + 6;
    const wideLabelX = Math.max(labelWs[0]!, wideLabelW);
    for (const [l, v] of wide) {
      const vh = this.measure(v, w - wideLabelX, value);
      if (draw) {
        this.text(l, x0, y + 1.3, wideLabelX, label);
        this.text(v, x0 + wideLabelX, y, w - wideLabelX, value);
      }
      y += vh + 1;
    }
    const h = y - y0 + pad - 1;
    if (draw) {
      this.box(margin, y0, contentW, h, { stroke: ink.rule, lineWidth: 0.6 });
      this.box(margin, y0, 4, h, { fill: ink.strong });
    }
    return h;
  }

  finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    // Every text call is height-bounded, so this is a guard against a future layout change,
    // not a path users can reach: a card is one sheet of paper by definition.
    if (range.count !== 1) throw new Error(`relationship card spilled onto ${range.count} pages`);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

interface GridCell {
  label: string;
  value: string;
  strong?: boolean;
  maxLines?: number;
}
type GridRow = [GridCell] | [GridCell, GridCell];

/** Renders the one-page relationship card as a PDF with the CJK font subset-embedded. */
export async function renderCustomerCard(input: CardInput, fonts: CardFonts): Promise<Buffer> {
  // Loaded on first use: pdfkit takes ~0.2 s to load, which every start would otherwise pay.
  const { default: PDFDocument } = await import('pdfkit');
  const w = new CardWriter(input, fonts, PDFDocument);
  w.footer();
  if (input.layout === 'key') w.keyCustomer();
  else w.standard();
  return w.finish();
}
