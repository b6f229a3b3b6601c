/**
 * The columns a customer spreadsheet may hold, how their headers are usually written (in Chinese
 * and English), and how enumerated values are spelled. The import suggests a mapping from these,
 * and the export writes the same labels, so an exported file imports again unchanged.
 */

export type ImportFieldGroup = 'customer' | 'contact' | 'custom';

export interface ImportField {
  /**
   * A standard key (`name`, `phone`, …), `custom.<key>` for an administrator-defined customer field
   * or `contactCustom.<key>` for one of contacts.
   */
  key: string;
  labelZh: string;
  labelEn: string;
  group: ImportFieldGroup;
  /** Other ways people head this column; compared after `normalizeHeader`. */
  synonyms: readonly string[];
}

const f = (
  key: string,
  labelZh: string,
  labelEn: string,
  synonyms: string[],
  group: ImportFieldGroup = 'customer',
): ImportField => ({ key, labelZh, labelEn, group, synonyms });

/** Standard fields in the order a mapping screen lists them. */
export const standardImportFields: readonly ImportField[] = [
  f('name', '客户名称', 'Name', [
    '公司名称',
    '名称',
    '客户',
    '客户全称',
    '企业名称',
    '单位名称',
    'customer',
    'company',
    'customer name',
    'company name',
  ]),
  f('shortName', '简称', 'Short name', ['客户简称', '公司简称', 'abbreviation']),
  f('kind', '客户类型', 'Kind', ['类型', '企业/个人', 'type', 'customer type']),
  f('creditCode', '统一社会信用代码', 'Credit code', [
    '信用代码',
    '社会信用代码',
    '统一代码',
    'uscc',
    'unified social credit code',
  ]),
  f('industry', '行业', 'Industry', ['所属行业']),
  f('scale', '规模', 'Scale', ['企业规模', 'size']),
  f('region', '所在地区', 'Region', ['地区', '省市区', '所在地']),
  f('province', '省份', 'Province', ['省', '所在省份', '省/直辖市']),
  f('city', '城市', 'City', ['市', '所在城市', '地市']),
  f('district', '区县', 'District', ['区', '县', '区/县', 'county']),
  f('address', '详细地址', 'Address', ['地址', '公司地址', '通讯地址']),
  f('latitude', '纬度', 'Latitude', ['lat']),
  f('longitude', '经度', 'Longitude', ['lng', 'lon']),
  f('phone', '电话', 'Phone', [
    '联系电话',
    '手机',
    '手机号',
    '手机号码',
    '电话号码',
    '座机',
    '固定电话',
    'tel',
    'telephone',
    'mobile',
  ]),
  f('email', '邮箱', 'Email', ['电子邮箱', '电子邮件', '邮件', 'e-mail', 'mail']),
  f('wechat', '微信', 'WeChat', ['微信号']),
  f('website', '网址', 'Website', ['网站', '官网', '公司网站', 'url', 'web']),
  f('source', '客户来源', 'Source', ['来源', '获客渠道']),
  f('foundedOn', '成立日期', 'Founded on', ['成立时间', '注册日期', '成立', 'founded', 'founding date']),
  f('signedOn', '签约日期', 'Signed on', ['签约时间', '合作日期', '签约', 'signed', 'signing date']),
  f('tags', '标签', 'Tags', ['tag', '客户标签']),
  f('preferences', '偏好与需求', 'Preferences', [
    '偏好',
    '需求',
    '备注',
    '客户需求',
    'needs',
    'notes',
    'remark',
    'remarks',
  ]),
  f('owner', '客户经理', 'Owner', ['负责人', '专属客户经理', '归属人', '销售', '业务员', 'account manager']),
  f('category', '客户分类', 'Category', ['分类', '客户类别']),
  f('grade', '客户分级', 'Grade', ['等级', '分级', '客户等级', '级别', 'level']),
  f('valueTier', '客户价值', 'Value tier', ['价值', '价值等级', 'value']),
  f('lifecycle', '生命周期', 'Lifecycle', ['阶段', '客户阶段', 'stage']),
  f('contactName', '联系人', 'Contact', ['联系人姓名', '联系人名称', 'contact name'], 'contact'),
  f(
    'contactPosition',
    '联系人职务',
    'Contact position',
    ['职务', '职位', 'position', 'title', 'job title'],
    'contact',
  ),
  f('contactPhone', '联系人电话', 'Contact phone', ['联系人手机', '联系人手机号'], 'contact'),
  f('contactEmail', '联系人邮箱', 'Contact email', ['联系人电子邮箱', '联系人邮件'], 'contact'),
];

/**
 * Header text in a comparable form: full-width → half-width, lower case, without spaces,
 * punctuation, required markers (`*客户名称`) and bracketed notes (`成立日期（YYYY-MM-DD）`).
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([{【][^)\]}】]*[)\]}】]/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

export interface CustomFieldLabel {
  key: string;
  labelZh: string;
  labelEn: string;
}

/**
 * Every field a column can be mapped to: the standard ones, active custom fields of customers, then
 * active custom fields of contacts (`contactCustom.<key>`, for the row's contact). A contact field's
 * column is usually headed like the other contact columns (联系人生日), sometimes with its bare label;
 * the bare label comes last, so a customer field or a standard one with the same label wins it.
 */
export function importFields(
  custom: readonly CustomFieldLabel[],
  contactCustom: readonly CustomFieldLabel[] = [],
): ImportField[] {
  return [
    ...standardImportFields,
    ...custom.map((c) => f(`custom.${c.key}`, c.labelZh, c.labelEn, [c.key], 'custom')),
    ...contactCustom.map((c) =>
      f(
        `contactCustom.${c.key}`,
        `联系人${c.labelZh}`,
        `Contact ${c.labelEn}`,
        [`contact ${c.key}`, c.labelZh, c.labelEn],
        'contact',
      ),
    ),
  ];
}

/**
 * Suggests a field for each column from its header. Each field is suggested once at most (the
 * first column that names it wins); unknown headers get null so the user decides.
 */
export function suggestMapping(
  headers: readonly string[],
  custom: readonly CustomFieldLabel[],
  contactCustom: readonly CustomFieldLabel[] = [],
): Record<number, string | null> {
  const byName = new Map<string, string>();
  for (const field of importFields(custom, contactCustom)) {
    // Labels first, then the field key, then synonyms: a custom field labelled 电话 must not win over phone.
    for (const name of [field.labelZh, field.labelEn, field.key, ...field.synonyms]) {
      const n = normalizeHeader(name);
      if (n && !byName.has(n)) byName.set(n, field.key);
    }
  }
  const used = new Set<string>();
  const out: Record<number, string | null> = {};
  headers.forEach((header, i) => {
    const key = byName.get(normalizeHeader(header)) ?? null;
    if (key && !used.has(key)) {
      used.add(key);
      out[i] = key;
    } else out[i] = null;
  });
  return out;
}

// ---------- enumerated values ----------

interface EnumLabel {
  zh: string;
  en: string;
  also?: readonly string[];
}

/** How each enumerated field's values are written, in both languages. */
export const enumLabels = {
  kind: {
    company: { zh: '企业', en: 'Company', also: ['公司', '单位', '法人'] },
    person: { zh: '个人', en: 'Person', also: ['自然人', 'individual'] },
  },
  scale: {
    micro: { zh: '微型', en: 'Micro' },
    small: { zh: '小型', en: 'Small' },
    medium: { zh: '中型', en: 'Medium' },
    large: { zh: '大型', en: 'Large' },
    enterprise: { zh: '特大型', en: 'Enterprise', also: ['超大型'] },
  },
  source: {
    sales: { zh: '销售开发', en: 'Sales', also: ['销售', '陌拜'] },
    marketing_event: { zh: '市场活动', en: 'Marketing event', also: ['活动', '展会'] },
    referral: { zh: '转介绍', en: 'Referral', also: ['介绍', '推荐'] },
    inbound: { zh: '主动咨询', en: 'Inbound', also: ['咨询', '来电', '来访'] },
    other: { zh: '其他', en: 'Other' },
  },
  category: {
    key: { zh: '重点客户', en: 'Key', also: ['重点', '重要客户', 'key customer'] },
    normal: { zh: '普通客户', en: 'Normal', also: ['普通', '一般客户', '一般'] },
    potential: { zh: '潜在客户', en: 'Potential', also: ['潜在', '意向客户'] },
  },
  grade: {
    A: { zh: 'A', en: 'A', also: ['A级', 'grade a'] },
    B: { zh: 'B', en: 'B', also: ['B级', 'grade b'] },
    C: { zh: 'C', en: 'C', also: ['C级', 'grade c'] },
    D: { zh: 'D', en: 'D', also: ['D级', 'grade d'] },
  },
  valueTier: {
    high: { zh: '高价值', en: 'High', also: ['高'] },
    medium: { zh: '中价值', en: 'Medium', also: ['中'] },
    potential: { zh: '潜力', en: 'Potential', also: ['潜在', '潜力客户'] },
    low: { zh: '低价值', en: 'Low', also: ['低'] },
  },
  lifecycle: {
    prospect: { zh: '潜在', en: 'Prospect', also: ['意向'] },
    active: { zh: '合作中', en: 'Active', also: ['合作', '活跃'] },
    dormant: { zh: '休眠', en: 'Dormant', also: ['沉睡'] },
    lost: { zh: '流失', en: 'Lost', also: ['已流失'] },
  },
  status: {
    active: { zh: '有效', en: 'Active' },
    invalid: { zh: '已注销', en: 'Invalidated' },
    merged: { zh: '已合并', en: 'Merged' },
  },
} as const satisfies Record<string, Record<string, EnumLabel>>;

export type EnumField = keyof typeof enumLabels;

const enumIndex = new Map<EnumField, Map<string, string>>();
for (const [field, values] of Object.entries(enumLabels) as [EnumField, Record<string, EnumLabel>][]) {
  const index = new Map<string, string>();
  for (const [value, label] of Object.entries(values)) {
    for (const name of [value, label.zh, label.en, ...(label.also ?? [])])
      index.set(normalizeHeader(name), value);
  }
  enumIndex.set(field, index);
}

/** The stored value for a label as written in a spreadsheet (重点 / 重点客户 / Key / key), or null. */
export function parseEnumLabel(field: EnumField, text: string): string | null {
  return enumIndex.get(field)?.get(normalizeHeader(text)) ?? null;
}

/** The label an export writes for a stored value. */
export function enumLabel(field: EnumField, value: string | null, lang: 'zh-CN' | 'en-US'): string {
  if (value === null) return '';
  const label = (enumLabels[field] as Record<string, EnumLabel>)[value];
  if (!label) return value;
  return lang === 'zh-CN' ? label.zh : label.en;
}

/** Every accepted spelling of a field's values, for error messages ("one of 重点客户, 普通客户 …"). */
export function enumChoices(field: EnumField): string {
  return Object.values(enumLabels[field] as Record<string, EnumLabel>)
    .map((l) => (l.zh === l.en ? l.zh : `${l.zh}/${l.en}`))
    .join(', ');
}
