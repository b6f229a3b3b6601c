import { creditCodeCheckChar, type Region, regionTree } from '@weixi/domain';
import { type Rng, Weighted } from './random';

// Vocabularies for realistic Chinese customer lists: city + brand + trade + legal form for
// companies (宁波怡信电子科技有限公司), common surnames and given names for people.

/** Common surnames, weighted roughly by frequency (王李张刘陈 cover about a third of people). */
const surnames = new Weighted<string>([
  ['王', 72],
  ['李', 71],
  ['张', 68],
  ['刘', 55],
  ['陈', 45],
  ['杨', 31],
  ['黄', 25],
  ['赵', 20],
  ['吴', 20],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 12],
  ['朱', 11],
  ['胡', 11],
  ['郭', 10],
  ['何', 10],
  ['林', 9],
  ['高', 9],
  ['罗', 9],
  ['郑', 8],
  ['梁', 8],
  ['谢', 7],
  ['宋', 6],
  ['唐', 6],
  ['许', 6],
  ['韩', 5],
  ['冯', 5],
  ['邓', 5],
  ['曹', 5],
  ['彭', 5],
  ['曾', 4],
  ['肖', 4],
  ['田', 4],
  ['董', 4],
  ['潘', 4],
  ['袁', 4],
  ['蔡', 4],
  ['蒋', 4],
  ['余', 4],
  ['于', 4],
  ['杜', 3],
  ['叶', 3],
  ['程', 3],
  ['魏', 3],
  ['苏', 3],
  ['吕', 3],
  ['丁', 3],
  ['任', 3],
  ['沈', 3],
  ['姚', 3],
  ['卢', 3],
  ['傅', 2],
  ['钟', 2],
  ['姜', 2],
  ['崔', 2],
  ['谭', 2],
  ['陆', 2],
  ['范', 2],
  ['汪', 2],
  ['欧阳', 1],
  ['司马', 0.3],
]);

const givenChars = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰凤梅文辉波宁斌晓燕鹏浩宇欣怡子涵雨轩俊杰思远佳琪嘉怡梓萱浩然一诺晨曦'.split(
    '',
  ),
];

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(givenChars) + rng.pick(givenChars) : rng.pick(givenChars);
  return surnames.pick(rng) + given;
}

/** Characters brands are made of: auspicious, technical or place-like. */
const brandChars = [
  ...'华信海纳怡恒鼎盛博远金达宏泰新源利通天瑞德隆嘉禾永安中科创荣丰兴盈凯旭东方正泽汇力诚宇锦星辰明鸿福祥顺合美佳益康航越亿联达安泰和宝瑞升昌俊腾飞远扬卓耀晟钧铭晶'.split(
    '',
  ),
];

/** A trade word in the name, the industry it implies, and how common it is. */
export const trades = new Weighted<readonly [string, string]>([
  [['科技', '信息技术'], 18],
  [['电子科技', '电子制造'], 6],
  [['电子', '电子制造'], 5],
  [['光电', '光电'], 1.2],
  [['贸易', '批发零售'], 10],
  [['进出口', '批发零售'], 3],
  [['物流', '交通物流'], 5],
  [['机械', '装备制造'], 6],
  [['精密机械', '装备制造'], 1.5],
  [['化工', '化工'], 3],
  [['新材料', '化工'], 2],
  [['纺织', '纺织服装'], 3],
  [['服饰', '纺织服装'], 2],
  [['医药', '医药健康'], 2.5],
  [['医疗器械', '医药健康'], 1.5],
  [['食品', '食品饮料'], 3],
  [['建材', '建筑建材'], 3],
  [['建设工程', '建筑建材'], 3],
  [['软件', '信息技术'], 3],
  [['网络科技', '信息技术'], 3],
  [['信息技术', '信息技术'], 2],
  [['汽车配件', '汽车'], 2],
  [['家居', '家居'], 2],
  [['环保科技', '环保'], 1.5],
  [['新能源', '能源'], 2],
  [['电气', '装备制造'], 2.5],
  [['塑胶', '化工'], 1.5],
  [['五金', '装备制造'], 2],
  [['包装', '包装印刷'], 1.5],
  [['印刷', '包装印刷'], 1],
  [['文化传媒', '文化传媒'], 2],
  [['餐饮管理', '餐饮'], 1.5],
  [['实业', '综合'], 4],
  [['投资', '金融'], 1.5],
  [['咨询', '商务服务'], 2],
  [['供应链管理', '交通物流'], 1.5],
  [['农业', '农业'], 1],
  [['仪器仪表', '装备制造'], 0.8],
]);

const legalForms = new Weighted<string>([
  ['有限公司', 70],
  ['股份有限公司', 12],
  ['有限责任公司', 10],
  ['集团有限公司', 4],
  ['(中国)有限公司', 1],
  ['贸易商行', 1],
  ['厂', 2],
]);

interface City {
  provinceCode: string;
  cityCode: string;
  /** City name without 市, as company names use it: 宁波, 苏州. */
  short: string;
  districts: Region[];
}

const cities: City[] = [];
for (const p of regionTree) {
  for (const c of p.children ?? []) {
    const municipality = c.name === '市辖区' || c.name === '县';
    const name = municipality ? p.name : c.name;
    cities.push({
      provinceCode: p.code,
      cityCode: c.code,
      short: name.replace(/(市|地区|自治州|盟)$/u, ''),
      districts: c.children ?? [],
    });
  }
}

// Customer lists of Chinese companies cluster in the coastal economic centres.
const busyCities = [
  '上海',
  '北京',
  '深圳',
  '广州',
  '杭州',
  '宁波',
  '苏州',
  '南京',
  '无锡',
  '成都',
  '武汉',
  '东莞',
  '佛山',
  '天津',
  '重庆',
  '青岛',
  '厦门',
  '温州',
  '合肥',
  '长沙',
  '郑州',
  '西安',
  '济南',
  '常州',
  '嘉兴',
  '绍兴',
  '金华',
  '泉州',
  '福州',
];
const cityChoices = new Weighted<City>([
  ...cities.map((c) => [c, 1] as const),
  ...cities
    .filter((c) => busyCities.includes(c.short))
    .map((c) => [c, 120 / (busyCities.indexOf(c.short) + 4)] as const),
]);

const streets = [...'中山人民解放建设和平长江黄河文化新华东风胜利青年学府科技创业'.split('')];
const positions = [
  '总经理',
  '副总经理',
  '董事长',
  '采购经理',
  '财务总监',
  '技术负责人',
  '销售经理',
  '行政主管',
];
const tagChoices = [
  '出口',
  '战略合作',
  '上市公司',
  '高新技术企业',
  '老客户',
  '展会获客',
  '价格敏感',
  '需跟进',
];

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 91 + 6-digit division + 9-character organisation code + GB 32100 check character. */
export function creditCode(rng: Rng, districtCode: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += rng.pick(alphabet.split(''));
  const first17 = `91${districtCode}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`;
}

export interface GeneratedContact {
  name: string;
  position: string;
  phone: string;
  decisionRole: 'decision_maker' | 'influencer' | 'user' | 'gatekeeper';
  isKey: boolean;
}

export interface GeneratedCustomer {
  kind: 'company' | 'person';
  name: string;
  shortName: string;
  creditCode: string | null;
  industry: string;
  scale: 'micro' | 'small' | 'medium' | 'large' | 'enterprise' | null;
  provinceCode: string;
  cityCode: string;
  districtCode: string | null;
  address: string;
  phone: string;
  email: string;
  wechat: string;
  website: string;
  source: 'sales' | 'marketing_event' | 'referral' | 'inbound' | 'other' | null;
  foundedOn: string | null;
  tags: string[];
  category: 'key' | 'normal' | 'potential';
  grade: 'A' | 'B' | 'C' | 'D' | null;
  valueTier: 'high' | 'medium' | 'potential' | 'low' | null;
  lifecycle: 'prospect' | 'active' | 'dormant' | 'lost';
  contacts: GeneratedContact[];
}

const grades = new Weighted<GeneratedCustomer['grade']>([
  ['A', 10],
  ['B', 25],
  ['C', 38],
  ['D', 15],
  [null, 12],
]);
const categories = new Weighted<GeneratedCustomer['category']>([
  ['key', 6],
  ['normal', 68],
  ['potential', 26],
]);
const lifecycles = new Weighted<GeneratedCustomer['lifecycle']>([
  ['prospect', 25],
  ['active', 50],
  ['dormant', 15],
  ['lost', 10],
]);
const scales = new Weighted<GeneratedCustomer['scale']>([
  ['micro', 25],
  ['small', 35],
  ['medium', 22],
  ['large', 8],
  ['enterprise', 2],
  [null, 8],
]);
const sources = new Weighted<GeneratedCustomer['source']>([
  ['sales', 40],
  ['marketing_event', 15],
  ['referral', 20],
  ['inbound', 15],
  ['other', 3],
  [null, 7],
]);
const valueTiers = new Weighted<GeneratedCustomer['valueTier']>([
  ['high', 8],
  ['medium', 30],
  ['potential', 20],
  ['low', 22],
  [null, 20],
]);
const roles: GeneratedContact['decisionRole'][] = ['decision_maker', 'influencer', 'user', 'gatekeeper'];

function latin(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick('abcdefghijklmnopqrstuvwxyz'.split(''));
  return s;
}

function contactsFor(rng: Rng): GeneratedContact[] {
  const n = rng.chance(0.45) ? 1 : rng.chance(0.6) ? 2 : 3;
  return Array.from({ length: n }, (_, i) => ({
    name: personName(rng),
    position: rng.pick(positions),
    phone: mobile(rng),
    decisionRole: i === 0 ? 'decision_maker' : rng.pick(roles),
    isKey: i === 0 || rng.chance(0.3),
  }));
}

/** One customer's own fields and contacts; owners, dates and search data are added by the caller. */
export function generateCustomer(rng: Rng): GeneratedCustomer {
  const city = cityChoices.pick(rng);
  const district = city.districts.length ? rng.pick(city.districts) : null;
  const person = rng.chance(0.08);
  const common = {
    provinceCode: city.provinceCode,
    cityCode: city.cityCode,
    districtCode: district?.code ?? null,
    address: `${rng.pick(streets)}${rng.pick(['路', '大道', '街'])}${rng.int(1, 999)} 号`,
    email: rng.chance(0.6) ? `${latin(rng, rng.int(3, 8))}@${latin(rng, rng.int(4, 8))}.com` : '',
    wechat: rng.chance(0.3) ? `wx_${latin(rng, 6)}${rng.digits(3)}` : '',
    source: sources.pick(rng),
    tags: rng.chance(0.3) ? [rng.pick(tagChoices)] : [],
    category: categories.pick(rng),
    grade: grades.pick(rng),
    valueTier: valueTiers.pick(rng),
    lifecycle: lifecycles.pick(rng),
  };
  if (person) {
    return {
      ...common,
      kind: 'person',
      name: personName(rng),
      shortName: '',
      creditCode: null,
      industry: '',
      scale: null,
      phone: mobile(rng),
      website: '',
      foundedOn: null,
      contacts: [],
    };
  }
  const brand = rng.pick(brandChars) + rng.pick(brandChars);
  const [trade, industry] = trades.pick(rng);
  const prefix = rng.chance(0.7) ? city.short : '';
  const name = `${prefix}${brand}${trade}${legalForms.pick(rng)}`;
  const areaDigits = rng.int(3, 4);
  return {
    ...common,
    kind: 'company',
    name,
    shortName: rng.chance(0.6) ? brand + trade.slice(0, 2) : '',
    creditCode: district && rng.chance(0.6) ? creditCode(rng, district.code) : null,
    industry,
    scale: scales.pick(rng),
    phone: rng.chance(0.75)
      ? `0${rng.digits(areaDigits - 1)}-${rng.int(2, 8)}${rng.digits(10 - areaDigits)}`
      : mobile(rng),
    website: rng.chance(0.3) ? `https://www.${latin(rng, rng.int(4, 9))}.com` : '',
    foundedOn: rng.chance(0.7)
      ? `${rng.int(1985, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
      : null,
    contacts: contactsFor(rng),
  };
}

/** Department tree of a mid-sized sales organisation: regions (大区) with branch offices. */
export const departmentPlan: { name: string; branches: string[] }[] = [
  { name: '华东大区', branches: ['上海分公司', '杭州分公司', '宁波分公司', '苏州分公司'] },
  { name: '华南大区', branches: ['深圳分公司', '广州分公司', '厦门分公司'] },
  { name: '华北大区', branches: ['北京分公司', '天津分公司', '济南分公司'] },
  { name: '华中大区', branches: ['武汉分公司', '长沙分公司', '郑州分公司'] },
  { name: '西部大区', branches: ['成都分公司', '重庆分公司', '西安分公司'] },
];
