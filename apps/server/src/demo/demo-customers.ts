import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { creditCodeCheckChar, normalizePhone } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { searchDataFor } from '../modules/customers/customer-input';
import { insertContacts, insertCustomers } from '../modules/customers/customers.repository';

interface DemoCustomer {
  name: string;
  shortName: string;
  industry: string;
  scale: 'micro' | 'small' | 'medium' | 'large' | 'enterprise';
  region: [string, string, string];
  address: string;
  owner: string;
  grade: 'A' | 'B' | 'C' | 'D';
  category: 'key' | 'normal' | 'potential';
  lifecycle: 'prospect' | 'active' | 'dormant' | 'lost';
  source: 'sales' | 'marketing_event' | 'referral' | 'inbound';
  signedOn: string | null;
  tags: string[];
  contacts: {
    name: string;
    position: string;
    phone: string;
    role: 'decision_maker' | 'influencer' | 'user' | 'gatekeeper';
    key: boolean;
    birthday?: string;
  }[];
}

// Fictional companies; names follow the patterns of real customer lists (city + brand + trade + form).
const customers: DemoCustomer[] = [
  {
    name: '宁波怡信电子科技有限公司',
    shortName: '怡信电子',
    industry: '电子制造',
    scale: 'medium',
    region: ['33', '3302', '330203'],
    address: '中山西路 138 号',
    owner: 'zhang.wei@weixi.local',
    grade: 'A',
    category: 'key',
    lifecycle: 'active',
    source: 'referral',
    signedOn: '2019-03-18',
    tags: ['出口', '战略合作'],
    contacts: [
      {
        name: '陈国华',
        position: '总经理',
        phone: '13905740001',
        role: 'decision_maker',
        key: true,
        birthday: '1972-09-12',
      },
      { name: '刘晓燕', position: '采购经理', phone: '13905740002', role: 'influencer', key: true },
    ],
  },
  {
    name: '杭州海纳光电股份有限公司',
    shortName: '海纳光电',
    industry: '光电',
    scale: 'large',
    region: ['33', '3301', '330106'],
    address: '文三路 477 号',
    owner: 'zhang.wei@weixi.local',
    grade: 'A',
    category: 'key',
    lifecycle: 'active',
    source: 'sales',
    signedOn: '2017-06-01',
    tags: ['上市公司'],
    contacts: [
      {
        name: '王建平',
        position: '副总裁',
        phone: '13805710003',
        role: 'decision_maker',
        key: true,
        birthday: '1968-02-03',
      },
      { name: '孙丽娟', position: '设备部主管', phone: '13805710004', role: 'user', key: false },
    ],
  },
  {
    name: '苏州恒瑞精密机械有限公司',
    shortName: '恒瑞精密',
    industry: '精密机械',
    scale: 'medium',
    region: ['32', '3205', '320505'],
    address: '狮山路 88 号',
    owner: 'li.na@weixi.local',
    grade: 'B',
    category: 'normal',
    lifecycle: 'active',
    source: 'marketing_event',
    signedOn: '2021-11-20',
    tags: ['展会客户'],
    contacts: [{ name: '周志强', position: '厂长', phone: '13912120005', role: 'decision_maker', key: true }],
  },
  {
    name: '上海浦江医疗器械有限公司',
    shortName: '浦江医疗',
    industry: '医疗器械',
    scale: 'large',
    region: ['31', '3101', '310115'],
    address: '张江路 1000 号',
    owner: 'li.na@weixi.local',
    grade: 'A',
    category: 'key',
    lifecycle: 'active',
    source: 'referral',
    signedOn: '2018-08-08',
    tags: ['重点行业', '战略合作'],
    contacts: [
      {
        name: '林雪梅',
        position: '采购总监',
        phone: '13701210006',
        role: 'decision_maker',
        key: true,
        birthday: '1980-11-30',
      },
      { name: '黄宇', position: '质量经理', phone: '13701210007', role: 'influencer', key: true },
    ],
  },
  {
    name: '广州南方包装材料有限公司',
    shortName: '南方包装',
    industry: '包装材料',
    scale: 'small',
    region: ['44', '4401', '440106'],
    address: '天河北路 233 号',
    owner: 'zhao.lei@weixi.local',
    grade: 'C',
    category: 'normal',
    lifecycle: 'active',
    source: 'inbound',
    signedOn: '2023-04-12',
    tags: [],
    contacts: [{ name: '邓伟', position: '老板', phone: '13602000008', role: 'decision_maker', key: true }],
  },
  {
    name: '深圳市鹏程智能装备有限公司',
    shortName: '鹏程智能',
    industry: '智能装备',
    scale: 'medium',
    region: ['44', '4403', '440305'],
    address: '科技园南区 9 栋',
    owner: 'zhao.lei@weixi.local',
    grade: 'B',
    category: 'normal',
    lifecycle: 'active',
    source: 'sales',
    signedOn: '2022-01-05',
    tags: ['高新技术'],
    contacts: [
      { name: '何俊', position: '技术总监', phone: '13510750009', role: 'influencer', key: true },
      { name: '罗敏', position: '行政主管', phone: '13510750010', role: 'gatekeeper', key: false },
    ],
  },
  {
    name: '重庆长江汽车配件有限公司',
    shortName: '长江汽配',
    industry: '汽车零部件',
    scale: 'large',
    region: ['50', '5001', '500112'],
    address: '金开大道 66 号',
    owner: 'zhang.wei@weixi.local',
    grade: 'B',
    category: 'normal',
    lifecycle: 'active',
    source: 'sales',
    signedOn: '2020-09-15',
    tags: [],
    contacts: [
      { name: '谭明', position: '供应链经理', phone: '13983000011', role: 'decision_maker', key: true },
    ],
  },
  {
    name: '成都天府食品有限公司',
    shortName: '天府食品',
    industry: '食品加工',
    scale: 'medium',
    region: ['51', '5101', '510107'],
    address: '武侯大道 19 号',
    owner: 'li.na@weixi.local',
    grade: 'C',
    category: 'normal',
    lifecycle: 'dormant',
    source: 'marketing_event',
    signedOn: '2020-05-20',
    tags: ['需唤醒'],
    contacts: [{ name: '杨小红', position: '采购专员', phone: '13882000012', role: 'user', key: true }],
  },
  {
    name: '武汉楚天新材料科技有限公司',
    shortName: '楚天新材',
    industry: '新材料',
    scale: 'small',
    region: ['42', '4201', '420111'],
    address: '光谷大道 77 号',
    owner: 'zhao.lei@weixi.local',
    grade: 'D',
    category: 'potential',
    lifecycle: 'prospect',
    source: 'inbound',
    signedOn: null,
    tags: ['潜在'],
    contacts: [{ name: '胡斌', position: '总经理', phone: '13871000013', role: 'decision_maker', key: true }],
  },
  {
    name: '北京京华信息技术有限公司',
    shortName: '京华信息',
    industry: '信息技术',
    scale: 'enterprise',
    region: ['11', '1101', '110108'],
    address: '中关村大街 27 号',
    owner: 'sales1.manager@weixi.local',
    grade: 'A',
    category: 'key',
    lifecycle: 'active',
    source: 'referral',
    signedOn: '2016-12-01',
    tags: ['央企', '战略合作'],
    contacts: [
      {
        name: '赵立新',
        position: '信息中心主任',
        phone: '13601100014',
        role: 'decision_maker',
        key: true,
        birthday: '1970-05-05',
      },
    ],
  },
  {
    name: '青岛海滨船舶设备有限公司',
    shortName: '海滨船舶',
    industry: '船舶设备',
    scale: 'medium',
    region: ['37', '3702', '370212'],
    address: '香港中路 10 号',
    owner: 'gm@weixi.local',
    grade: 'A',
    category: 'key',
    lifecycle: 'active',
    source: 'sales',
    signedOn: '2015-07-07',
    tags: ['总经理客户'],
    contacts: [
      {
        name: '曲建军',
        position: '董事长',
        phone: '13906390015',
        role: 'decision_maker',
        key: true,
        birthday: '1965-01-20',
      },
    ],
  },
  {
    name: '厦门鹭岛贸易有限公司',
    shortName: '鹭岛贸易',
    industry: '贸易',
    scale: 'small',
    region: ['35', '3502', '350203'],
    address: '鹭江道 8 号',
    owner: 'li.na@weixi.local',
    grade: 'D',
    category: 'potential',
    lifecycle: 'lost',
    source: 'inbound',
    signedOn: '2019-10-10',
    tags: ['已流失'],
    contacts: [{ name: '吴佳', position: '经理', phone: '13859200016', role: 'decision_maker', key: true }],
  },
];

let serial = 0;
function demoCreditCode(): string {
  serial += 1;
  const body = `91330200MA2${String(serial).padStart(6, '0')}`;
  return body + creditCodeCheckChar(body);
}

/** Adds the demo customers, owned by the demo account managers; runs once, after the people exist. */
export async function loadDemoCustomers(db: Kysely<DB>, now: Date): Promise<number> {
  const users = await db.selectFrom('app_user').select(['id', 'email']).execute();
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  for (const c of customers) {
    const id = newId();
    const phone = `0${c.contacts[0]!.phone.slice(1, 4)}-8${c.contacts[0]!.phone.slice(-7)}`;
    const creditCode = demoCreditCode();
    await insertCustomers(
      db,
      [
        {
          id,
          kind: 'company',
          name: c.name,
          short_name: c.shortName,
          credit_code: creditCode,
          industry: c.industry,
          scale: c.scale,
          province_code: c.region[0],
          city_code: c.region[1],
          district_code: c.region[2],
          address: c.address,
          phone,
          source: c.source,
          signed_on: c.signedOn,
          tags: c.tags,
          owner_id: idOf.get(c.owner) ?? null,
          category: c.category,
          grade: c.grade,
          lifecycle: c.lifecycle,
          verified_at: c.lifecycle === 'active' ? now : null,
          verified_by: c.lifecycle === 'active' ? (idOf.get(c.owner) ?? null) : null,
          ...searchDataFor(
            { name: c.name, short_name: c.shortName, phone, credit_code: creditCode },
            c.contacts,
          ),
        },
      ],
      null,
      now,
    );
    await insertContacts(
      db,
      c.contacts.map((k) => ({
        id: newId(),
        customer_id: id,
        name: k.name,
        employer: c.name,
        position: k.position,
        phone: k.phone,
        phone_key: normalizePhone(k.phone),
        decision_role: k.role,
        has_decision_authority: k.role === 'decision_maker',
        is_key: k.key,
        birthday: k.birthday ?? null,
        preferred_channel: 'phone',
      })),
      null,
      now,
    );
  }
  return customers.length;
}
