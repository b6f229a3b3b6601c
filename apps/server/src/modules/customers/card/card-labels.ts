import type {
  contactChannels,
  customerCategories,
  customerKinds,
  customerScales,
  customerSources,
  customerStatuses,
  decisionRoles,
  lifecycles,
  valueTiers,
} from '@weixi/shared';

export const cardLangs = ['zh', 'en'] as const;
export type CardLang = (typeof cardLangs)[number];

type Names<T extends readonly string[]> = Record<T[number], string>;

/**
 * Every word printed on a card. The card is a printed artefact that leaves the system, so its
 * wording lives here beside the renderer rather than in the web app's locale files.
 */
export interface CardLabels {
  title: string;
  keyTitle: string;
  /** The other language's title, printed small beside the main one. */
  subtitle: string;
  keyBanner: string;
  shortName: string;
  creditCode: string;
  kind: string;
  industry: string;
  scale: string;
  region: string;
  address: string;
  phone: string;
  email: string;
  wechat: string;
  website: string;
  owner: string;
  collaborators: string;
  classification: string;
  grade: (g: string) => string;
  valueTier: string;
  source: string;
  foundedOn: string;
  signedOn: string;
  verified: string;
  notVerified: string;
  verifyOverdue: (days: number) => string;
  verifiedBy: (date: string, name: string) => string;
  tags: string;
  preferences: string;
  customerInfo: string;
  keyContacts: string;
  /** Section title when nobody is flagged as a key person yet and the card lists everyone. */
  contacts: string;
  contactsCount: (shown: number, total: number) => string;
  contactName: string;
  employer: string;
  position: string;
  contactDetails: string;
  contactAddress: string;
  decisionRole: string;
  decisionAuthority: string;
  hasAuthority: string;
  noAuthority: string;
  birthday: string;
  preferredChannel: string;
  personalNotes: string;
  noContacts: string;
  more: (n: number) => string;
  moreHint: string;
  principle: string;
  printedAt: string;
  printedBy: string;
  masked: string;
  confidential: string;
  statusStamp: Partial<Names<typeof customerStatuses>>;
  reason: string;
  none: string;
  kinds: Names<typeof customerKinds>;
  scales: Names<typeof customerScales>;
  categories: Names<typeof customerCategories>;
  tiers: Names<typeof valueTiers>;
  lifecycles: Names<typeof lifecycles>;
  sources: Names<typeof customerSources>;
  roles: Names<typeof decisionRoles>;
  channels: Names<typeof contactChannels>;
  filename: string;
}

const zh: CardLabels = {
  title: '客户关系卡',
  keyTitle: '重要客户关系卡',
  subtitle: 'CUSTOMER RELATIONSHIP CARD',
  keyBanner: '重要客户',
  shortName: '简称',
  creditCode: '统一社会信用代码',
  kind: '类型',
  industry: '行业',
  scale: '规模',
  region: '地区',
  address: '地址',
  phone: '电话',
  email: '邮箱',
  wechat: '微信',
  website: '网站',
  owner: '客户经理',
  collaborators: '协作人',
  classification: '分级分类',
  grade: (g) => `${g} 级`,
  valueTier: '客户价值',
  source: '来源',
  foundedOn: '成立日期',
  signedOn: '签约日期',
  verified: '最近核实',
  notVerified: '尚未核实',
  verifyOverdue: (days) => `已超过 ${days} 天未核实，请复核`,
  verifiedBy: (date, name) => (name ? `${date}  核实人 ${name}` : date),
  tags: '标签',
  preferences: '偏好与需求',
  customerInfo: '客户信息',
  keyContacts: '关键联系人',
  contacts: '联系人',
  contactsCount: (shown, total) => (shown === total ? `共 ${total} 人` : `列出 ${shown} 人 / 共 ${total} 人`),
  contactName: '姓名',
  employer: '工作单位',
  position: '职位',
  contactDetails: '联系方式',
  contactAddress: '地址',
  decisionRole: '决策角色',
  decisionAuthority: '决策权',
  hasAuthority: '有决策权',
  noAuthority: '无',
  birthday: '生日',
  preferredChannel: '偏好联系方式',
  personalNotes: '个人备注',
  noContacts: '暂无联系人',
  more: (n) => `另有 ${n} 位联系人`,
  moreHint: '未列于本卡，完整名单见系统客户档案',
  principle: '准确性 · 有效性 · 时效性',
  printedAt: '打印时间',
  printedBy: '打印人',
  masked: '联系方式已按权限脱敏',
  confidential: '内含客户信息，请妥善保管，勿外传',
  statusStamp: { invalid: '已注销', merged: '已合并' },
  reason: '原因',
  none: '—',
  kinds: { company: '企业', person: '个人' },
  scales: { micro: '微型', small: '小型', medium: '中型', large: '大型', enterprise: '特大型' },
  categories: { key: '重点客户', normal: '一般客户', potential: '潜在客户' },
  tiers: { high: '高价值', medium: '中价值', potential: '潜力客户', low: '低价值' },
  lifecycles: { prospect: '意向', active: '合作中', dormant: '休眠', lost: '流失' },
  sources: {
    sales: '销售开发',
    marketing_event: '市场活动',
    referral: '转介绍',
    inbound: '主动咨询',
    other: '其他',
  },
  roles: { decision_maker: '决策者', influencer: '影响者', user: '使用者', gatekeeper: '把关者' },
  channels: { phone: '电话', email: '邮件', sms: '短信', wechat: '微信', visit: '上门拜访' },
  filename: '客户关系卡',
};

const en: CardLabels = {
  title: 'Customer Relationship Card',
  keyTitle: 'Key Customer Relationship Card',
  subtitle: '客户关系卡',
  keyBanner: 'KEY CUSTOMER',
  shortName: 'Short name',
  creditCode: 'Credit code',
  kind: 'Type',
  industry: 'Industry',
  scale: 'Scale',
  region: 'Region',
  address: 'Address',
  phone: 'Phone',
  email: 'E-mail',
  wechat: 'WeChat',
  website: 'Website',
  owner: 'Account manager',
  collaborators: 'Collaborators',
  classification: 'Classification',
  grade: (g) => `Grade ${g}`,
  valueTier: 'Value',
  source: 'Source',
  foundedOn: 'Founded',
  signedOn: 'Signed',
  verified: 'Last verified',
  notVerified: 'Not verified yet',
  verifyOverdue: (days) => `Not verified for over ${days} days; please review`,
  verifiedBy: (date, name) => (name ? `${date}  by ${name}` : date),
  tags: 'Tags',
  preferences: 'Preferences & needs',
  customerInfo: 'Customer',
  keyContacts: 'Key contacts',
  contacts: 'Contacts',
  contactsCount: (shown, total) => (shown === total ? `${total} in all` : `${shown} of ${total} shown`),
  contactName: 'Name',
  employer: 'Employer',
  position: 'Position',
  contactDetails: 'Contact details',
  contactAddress: 'Address',
  decisionRole: 'Decision role',
  decisionAuthority: 'Authority',
  hasAuthority: 'Can decide',
  noAuthority: 'No',
  birthday: 'Birthday',
  preferredChannel: 'Preferred channel',
  personalNotes: 'Personal notes',
  noContacts: 'No contacts yet',
  more: (n) => `${n} more ${n === 1 ? 'contact' : 'contacts'}`,
  moreHint: 'not on this card; see the customer archive for everyone',
  principle: 'Accuracy · Validity · Timeliness',
  printedAt: 'Printed',
  printedBy: 'by',
  masked: 'Contact details masked for your role',
  confidential: 'Confidential customer data: do not pass on',
  statusStamp: { invalid: 'INVALID', merged: 'MERGED' },
  reason: 'Reason',
  none: '—',
  kinds: { company: 'Company', person: 'Person' },
  scales: { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large', enterprise: 'Enterprise' },
  categories: { key: 'Key', normal: 'Normal', potential: 'Potential' },
  tiers: { high: 'High value', medium: 'Medium value', potential: 'Potential', low: 'Low value' },
  lifecycles: { prospect: 'Prospect', active: 'Active', dormant: 'Dormant', lost: 'Lost' },
  sources: {
    sales: 'Sales',
    marketing_event: 'Marketing event',
    referral: 'Referral',
    inbound: 'Inbound',
    other: 'Other',
  },
  roles: {
    decision_maker: 'Decision maker',
    influencer: 'Influencer',
    user: 'User',
    gatekeeper: 'Gatekeeper',
  },
  channels: { phone: 'Phone', email: 'E-mail', sms: 'SMS', wechat: 'WeChat', visit: 'Visit' },
  filename: 'relationship-card',
};

export const cardLabels: Record<CardLang, CardLabels> = { zh, en };

/** A user's interface language decides the card's when the request names none (zh-CN → zh). */
export function cardLangForLocale(locale: string): CardLang {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
