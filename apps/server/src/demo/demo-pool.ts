import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { addDays, businessDate, normalizePhone } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { searchDataFor } from '../modules/customers/customer-input';
import { insertContacts, insertCustomers } from '../modules/customers/customers.repository';
import { insertHistory, setInteractionClock, sponsorByName } from '../modules/ownership/ownership.repository';
import { notify } from '../modules/platform/notify';

interface PoolDemo {
  name: string;
  shortName: string;
  industry: string;
  region: [string, string, string];
  grade: 'A' | 'B' | 'C' | 'D' | null;
  category: 'key' | 'normal' | 'potential';
  source: 'sales' | 'marketing_event' | 'referral' | 'inbound';
  contact: { name: string; position: string; phone: string };
  /** How it came to the pool, days ago; none: a lead nobody has owned yet. */
  left?: { kind: 'release' | 'recycle'; from: string; daysAgo: number; reason: string };
}

// The public pool (公海池) on day one: leads nobody owns yet and customers given up or recycled.
const pool: PoolDemo[] = [
  {
    name: '温州瓯江阀门有限公司',
    shortName: '瓯江阀门',
    industry: '通用设备',
    region: ['33', '3303', '330302'],
    grade: 'C',
    category: 'normal',
    source: 'sales',
    contact: { name: '潘国强', position: '采购经理', phone: '13957700021' },
    left: { kind: 'release', from: 'li.na@weixi.local', daysAgo: 40, reason: '客户暂停采购，半年内无计划' },
  },
  {
    name: '绍兴柯桥纺织印染有限公司',
    shortName: '柯桥印染',
    industry: '纺织',
    region: ['33', '3306', '330603'],
    grade: 'D',
    category: 'potential',
    source: 'inbound',
    contact: { name: '钱海燕', position: '总经理助理', phone: '13857500022' },
    left: { kind: 'recycle', from: 'zhao.lei@weixi.local', daysAgo: 10, reason: '' },
  },
  {
    name: '天津滨海物流有限公司',
    shortName: '滨海物流',
    industry: '物流',
    region: ['12', '1201', '120116'],
    grade: 'C',
    category: 'normal',
    source: 'referral',
    contact: { name: '高建华', position: '运营总监', phone: '13602200023' },
    left: { kind: 'release', from: 'zhang.wei@weixi.local', daysAgo: 5, reason: '与我方产品线不匹配' },
  },
  {
    name: '合肥庐州家电配件有限公司',
    shortName: '庐州家电',
    industry: '家电',
    region: ['34', '3401', '340104'],
    grade: null,
    category: 'potential',
    source: 'marketing_event',
    contact: { name: '方志刚', position: '采购主管', phone: '13955100024' },
  },
  {
    name: '南京金陵环保科技有限公司',
    shortName: '金陵环保',
    industry: '环保',
    region: ['32', '3201', '320106'],
    grade: 'B',
    category: 'normal',
    source: 'inbound',
    contact: { name: '沈丽', position: '设备部经理', phone: '13851400025' },
  },
];

/** A customer of 李娜's nobody has contacted for 86 days: warned three days ago, recycled in four. */
const nearlyRecycled: PoolDemo = {
  name: '无锡太湖精工机械有限公司',
  shortName: '太湖精工',
  industry: '机械加工',
  region: ['32', '3202', '320214'],
  grade: 'C',
  category: 'normal',
  source: 'sales',
  contact: { name: '陆永明', position: '生产副总', phone: '13861800026' },
};

const day = 86_400_000;

async function insert(db: Kysely<DB>, c: PoolDemo, ownerId: string | null, now: Date): Promise<string> {
  const id = newId();
  const phone = `0${c.contact.phone.slice(1, 4)}-6${c.contact.phone.slice(-7)}`;
  await insertCustomers(
    db,
    [
      {
        id,
        kind: 'company',
        name: c.name,
        short_name: c.shortName,
        industry: c.industry,
        province_code: c.region[0],
        city_code: c.region[1],
        district_code: c.region[2],
        phone,
        source: c.source,
        owner_id: ownerId,
        category: c.category,
        grade: c.grade,
        lifecycle: 'prospect',
        ...searchDataFor({ name: c.name, short_name: c.shortName, phone, credit_code: null }, [c.contact]),
      },
    ],
    null,
    now,
  );
  await insertContacts(
    db,
    [
      {
        id: newId(),
        customer_id: id,
        name: c.contact.name,
        employer: c.name,
        position: c.contact.position,
        phone: c.contact.phone,
        phone_key: normalizePhone(c.contact.phone),
        is_key: true,
        preferred_channel: 'phone',
      },
    ],
    null,
    now,
  );
  return id;
}

/**
 * The pool's demo (runs once, after the people and their customers exist): a handful of pool
 * customers with the story of how they got there, one of 李娜's customers days away from recycling
 * (with the warning she received), and 王建国's key customers — two, below the three he should hold,
 * so the warning shows.
 */
export async function loadDemoPool(
  db: Kysely<DB>,
  now: Date,
  // The default business time zone (TZ_BUSINESS); only the warning's date text depends on it.
  timeZone = 'Asia/Shanghai',
): Promise<void> {
  const users = await db.selectFrom('app_user').select(['id', 'email']).execute();
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  for (const c of pool) {
    const id = await insert(db, c, null, now);
    if (c.left) {
      const from = idOf.get(c.left.from) ?? null;
      const at = new Date(now.getTime() - c.left.daysAgo * day);
      await insertHistory(db, [
        {
          id: newId(),
          customerId: id,
          kind: 'create',
          fromUserId: null,
          toUserId: from,
          reason: '',
          actorId: from,
          at: new Date(at.getTime() - 200 * day),
        },
        {
          id: newId(),
          customerId: id,
          kind: c.left.kind,
          fromUserId: from,
          toUserId: null,
          reason: c.left.reason,
          actorId: c.left.kind === 'release' ? from : null,
          at,
        },
      ]);
    }
  }

  const li = idOf.get('li.na@weixi.local');
  if (li) {
    const id = await insert(db, nearlyRecycled, li, now);
    await setInteractionClock(db, id, new Date(now.getTime() - 86 * day), new Date(now.getTime() - 3 * day));
    await notify(
      { db, clock: { now: () => new Date(now.getTime() - 3 * day) } },
      {
        userIds: [li],
        kind: 'pool.recycle_warning',
        params: {
          count: 1,
          names: nearlyRecycled.name,
          days: 7,
          dueOn: addDays(businessDate(now, timeZone), 4),
        },
        link: '/grading/pool?tab=at-risk',
        entity: 'customer',
        entityId: id,
      },
    );
  }

  const gm = idOf.get('gm@weixi.local');
  if (gm) {
    await sponsorByName(db, '青岛海滨船舶设备有限公司', gm);
    await sponsorByName(db, '宁波怡信电子科技有限公司', gm);
  }
}
