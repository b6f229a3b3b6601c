import type { Contact, CustomerDetail } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import { cardFileName, encodeRfc5987, inlineDisposition } from './card-file';
import { cardFonts } from './card-font';
import { type CardLang, cardLangForLocale } from './card-labels';
import { type CardLayout, defaultCardLayout } from './card-layout';
import { contactsThatFit, renderCustomerCard } from './card-renderer';
import { parseToUnicode, pdfFonts, pdfPageCount, pdfText } from './pdf-inspect';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function contact(n: number, over: Partial<Contact> = {}): Contact {
  return {
    id: id(1000 + n),
    customerId: id(1),
    name: `联系人${n}`,
    employer: '',
    position: '采购总监',
    address: '浙江省宁波市海曙区中山西路 1 号',
    phone: '13812345678',
    email: 'chen@yixin.cn',
    wechat: 'chen_gh',
    birthday: '1978-03-15',
    decisionRole: 'decision_maker',
    hasDecisionAuthority: true,
    preferredChannel: 'wechat',
    personalNotes: '喜欢龙井茶',
    isKey: true,
    custom: {},
    masked: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}

function customer(over: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    id: id(1),
    kind: 'company',
    name: '宁波怡信光电科技有限公司',
    shortName: '怡信光电',
    creditCode: null,
    industry: '光电制造',
    scale: 'medium',
    provinceCode: '33',
    cityCode: '3302',
    districtCode: '330203',
    regionName: '浙江省 / 宁波市 / 海曙区',
    address: '中山西路 1 号',
    latitude: null,
    longitude: null,
    phone: '0574-88880001',
    email: 'info@yixin.cn',
    wechat: '',
    website: '',
    source: 'referral',
    foundedOn: '2008-05-20',
    signedOn: null,
    tags: ['出口'],
    preferences: '交期优先',
    owner: { id: id(2), name: '周敏' },
    collaborators: [],
    category: 'normal',
    grade: 'B',
    valueTier: null,
    lifecycle: 'active',
    status: 'active',
    invalidReason: null,
    invalidatedAt: null,
    mergedIntoId: null,
    verifiedAt: '2026-06-01T02:00:00.000Z',
    verifiedBy: { id: id(2), name: '周敏' },
    custom: {},
    masked: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    contacts: [contact(1)],
    ...over,
  };
}

async function render(c: CustomerDetail, layout: CardLayout, lang: CardLang = 'zh') {
  const pdf = await renderCustomerCard(
    {
      customer: c,
      layout,
      lang,
      printedAt: new Date('2026-11-25T08:00:00Z'),
      printedBy: '王经理',
      timeZone: 'Asia/Shanghai',
      verifyAfterDays: 180,
    },
    await cardFonts(),
  );
  return { pdf, text: pdfText(pdf), pages: pdfPageCount(pdf) };
}

describe('defaultCardLayout', () => {
  it('gives key customers (category key or grade A) the key layout', () => {
    expect(defaultCardLayout({ category: 'key', grade: null })).toBe('key');
    expect(defaultCardLayout({ category: 'normal', grade: 'A' })).toBe('key');
    expect(defaultCardLayout({ category: 'normal', grade: 'B' })).toBe('standard');
    expect(defaultCardLayout({ category: 'potential', grade: null })).toBe('standard');
  });
});

describe('contactsThatFit', () => {
  it('fits everyone when there is room, with no line reserved after the last', () => {
    expect(contactsThatFit([50, 50, 50], 150, 20, 0, false)).toBe(3);
    expect(contactsThatFit([], 10, 20, 0, true)).toBe(0);
  });
  it('keeps room for the "N more" line when a contact is cut or others are left out', () => {
    expect(contactsThatFit([50, 50, 50], 149, 20, 0, false)).toBe(2);
    expect(contactsThatFit([50, 50, 50], 150, 20, 0, true)).toBe(2);
    expect(contactsThatFit([50, 50, 50], 170, 20, 0, true)).toBe(3);
    expect(contactsThatFit([50, 50], 105, 20, 10, false)).toBe(1);
    expect(contactsThatFit([50, 50], 110, 20, 10, false)).toBe(2);
  });
  it('fits nobody rather than overflow', () => {
    expect(contactsThatFit([500], 100, 20, 0, false)).toBe(0);
    expect(contactsThatFit([10], -5, 20, 0, false)).toBe(0);
  });
});

describe('file name and Content-Disposition', () => {
  it('names the file after the customer, without characters file systems refuse', () => {
    expect(cardFileName('zh', '宁波怡信光电')).toBe('客户关系卡-宁波怡信光电.pdf');
    expect(cardFileName('en', '宁波怡信光电')).toBe('relationship-card-宁波怡信光电.pdf');
    expect(cardFileName('zh', 'A/B:C*D?"E"<F>|G\\H\n  I')).toBe('客户关系卡-A_B_C_D_E_F_G_H_ I.pdf');
    expect(cardFileName('zh', ' / ')).toBe('客户关系卡-_.pdf');
    expect(cardFileName('zh', '  ')).toBe('客户关系卡-customer.pdf');
    // Cut by code point: the astral 𠮷 is never split into half a surrogate pair.
    const long = cardFileName('zh', '𠮷'.repeat(200));
    expect(Array.from(long)).toHaveLength('客户关系卡-'.length + 80 + '.pdf'.length);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('encodes the UTF-8 name per RFC 5987 beside an ASCII fallback', () => {
    expect(encodeRfc5987("客户 (A)*'.pdf")).toBe('%E5%AE%A2%E6%88%B7%20%28A%29%2A%27.pdf');
    expect(inlineDisposition('客户关系卡-宁波.pdf', 'card.pdf')).toBe(
      `inline; filename="card.pdf"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%E5%85%B3%E7%B3%BB%E5%8D%A1-%E5%AE%81%E6%B3%A2.pdf`,
    );
    expect(inlineDisposition('x.pdf', '卡"\\.pdf')).toBe(
      `inline; filename="___.pdf"; filename*=UTF-8''x.pdf`,
    );
  });

  it('takes the language from the user locale', () => {
    expect(cardLangForLocale('zh-CN')).toBe('zh');
    expect(cardLangForLocale('en-US')).toBe('en');
    expect(cardLangForLocale('fr-FR')).toBe('zh');
  });
});

describe('parseToUnicode (test helper)', () => {
  it('reads bfchar, bfrange arrays with ligatures, and bfrange offsets', () => {
    const map = parseToUnicode(`
      2 beginbfchar
      <0001> <5ba2>
      <0002> <D842 DFB7>
      endbfchar
      2 beginbfrange
      <0010> <0012> [<0041> <0066 0069> <6237>]
      <0020> <0022> <0030>
      endbfrange`);
    expect(map.get(1)).toBe('客');
    expect(map.get(2)).toBe('𠮷');
    expect([map.get(0x10), map.get(0x11), map.get(0x12)]).toEqual(['A', 'fi', '户']);
    expect([map.get(0x20), map.get(0x21), map.get(0x22)]).toEqual(['0', '1', '2']);
  });
});

describe('renderCustomerCard', () => {
  it('prints Latin and CJK text from the embedded subset fonts, even a title containing "stream"', async () => {
    const { pdf, text, pages } = await render(
      customer({ name: 'Mainstream Optics 宁波有限公司' }),
      'standard',
    );
    expect(pages).toBe(1);
    expect(text).toContain('Mainstream Optics 宁波有限公司');
    expect(text).toContain('13812345678');
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
    // Subsets: a few dozen kilobytes of glyphs, not the 10 MB font files.
    for (const f of fonts) expect(f.programBytes).toBeLessThan(200_000);
  });

  it('stays on one page with every field at its maximum length, in both layouts and languages', async () => {
    const max = customer({
      name: '名'.repeat(200),
      shortName: '简'.repeat(50),
      creditCode: '91330203MA2AXXXX1X',
      industry: '行'.repeat(100),
      address: '址'.repeat(300),
      phone: '1'.repeat(40),
      email: `${'e'.repeat(240)}@x.cn`,
      wechat: 'w'.repeat(60),
      website: `https://${'w'.repeat(290)}.cn`,
      tags: Array.from({ length: 20 }, (_, i) => `${i}${'标'.repeat(29)}`),
      preferences: '偏好\n'.repeat(1300),
      collaborators: Array.from({ length: 50 }, (_, i) => ({ id: id(100 + i), name: `协作人${i}` })),
      category: 'key',
      status: 'invalid',
      invalidReason: '因'.repeat(500),
      contacts: Array.from({ length: 50 }, (_, i) =>
        contact(i, {
          name: '人'.repeat(100),
          employer: '单'.repeat(100),
          position: '职'.repeat(100),
          address: '住'.repeat(300),
          personalNotes: '注\n'.repeat(2000),
        }),
      ),
    });
    for (const layout of ['standard', 'key'] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const { text, pages } = await render(max, layout, lang);
        expect(pages).toBe(1);
        expect(text).toContain(lang === 'zh' ? '已注销' : 'INVALID');
        expect(text).toMatch(lang === 'zh' ? /另有 4\d 位联系人/ : /4\d more contacts/);
      }
    }
  });

  it('lists all contacts under "联系人" when nobody is flagged as a key person yet', async () => {
    const c = customer({
      contacts: [contact(1, { isKey: false, name: '甲' }), contact(2, { isKey: false, name: '乙' })],
    });
    const { text } = await render(c, 'standard');
    expect(text).toContain('联系人\n共 2 人');
    expect(text).not.toContain('关键联系人');
    expect(text).toMatch(/甲[\s\S]*乙/);
    expect(text).not.toContain('另有');
  });

  it('shows an empty contact section and flags a record never verified', async () => {
    for (const layout of ['standard', 'key'] as const) {
      const { text, pages } = await render(
        customer({ contacts: [], verifiedAt: null, verifiedBy: null }),
        layout,
      );
      expect(pages).toBe(1);
      expect(text).toContain('暂无联系人');
      expect(text).toContain('尚未核实');
    }
  });

  it('flags a record not verified within the configured days', async () => {
    const { text } = await render(customer({ verifiedAt: '2026-01-01T00:00:00.000Z' }), 'standard');
    expect(text).toContain('已超过 180 天未核实，请复核');
  });
});
