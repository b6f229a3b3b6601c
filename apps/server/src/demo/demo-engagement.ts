import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import {
  addDays,
  dateInTimeZone,
  qualifiesForFollowUp,
  resolveEngagementSettings,
  startOfBusinessDay,
} from '@weixi/domain';
import type { InteractionChannel, InteractionDirection } from '@weixi/shared';
import { type Kysely, sql } from 'kysely';

// The demo company's engagement history (issue 5), dated relative to `now`: months of contacts
// with each customer following its story in demo-customers.ts (key accounts every week or two,
// the dormant one not for most of a year, the lost one not for two years, some customers calling
// us), 张伟's week — a visit planned today, one reported last week whose commitments became tasks
// (one overdue, one due this week), a customer whose follow-up is overdue and one due today — so
// "My day" is meaningful on first start. Wording follows the handbooks' (/work/shared/seeds):
// 定期回访, the "3+1" conversation, 信息共享台账.

const day = 86_400_000;

interface Story {
  customer: string;
  /** Days before today of the first and of the last regular contact. */
  firstDaysAgo: number;
  lastDaysAgo: number;
  everyDays: number;
  channels: readonly InteractionChannel[];
  /** Share of contacts that were the customer reaching us. */
  inbound: number;
  /** Colleagues who sometimes go along (meetings) by e-mail, and who log service calls. */
  joiners?: readonly string[];
  service?: string;
}

const stories: Story[] = [
  {
    customer: '宁波怡信电子科技有限公司',
    firstDaysAgo: 300,
    lastDaysAgo: 9,
    everyDays: 12,
    channels: ['phone', 'phone', 'wechat', 'face_to_face', 'email'],
    inbound: 0.2,
    joiners: ['gm@weixi.local', 'sales1.manager@weixi.local'],
    service: 'wu.jing@weixi.local',
  },
  {
    customer: '杭州海纳光电股份有限公司',
    firstDaysAgo: 320,
    // Up to the owner's last call, placed so the follow-up falls due today (showcaseDueDates).
    lastDaysAgo: 20,
    everyDays: 14,
    channels: ['phone', 'wechat', 'face_to_face', 'email'],
    inbound: 0.15,
    joiners: ['sales1.manager@weixi.local'],
    service: 'wu.jing@weixi.local',
  },
  {
    customer: '重庆长江汽车配件有限公司',
    firstDaysAgo: 400,
    // Up to the last follow-up, placed so it is five days overdue (showcaseDueDates).
    lastDaysAgo: 60,
    everyDays: 45,
    channels: ['phone', 'phone', 'wechat', 'email'],
    inbound: 0.2,
  },
  {
    customer: '上海浦江医疗器械有限公司',
    firstDaysAgo: 300,
    lastDaysAgo: 8,
    everyDays: 18,
    channels: ['phone', 'face_to_face', 'wechat', 'email', 'event'],
    inbound: 0.2,
    service: 'xu.fang@weixi.local',
  },
  {
    customer: '苏州恒瑞精密机械有限公司',
    firstDaysAgo: 360,
    lastDaysAgo: 40,
    everyDays: 50,
    channels: ['phone', 'wechat', 'event'],
    inbound: 0.15,
  },
  {
    customer: '成都天府食品有限公司',
    firstDaysAgo: 700,
    lastDaysAgo: 330,
    everyDays: 70,
    channels: ['phone', 'email'],
    inbound: 0.1,
  },
  {
    customer: '厦门鹭岛贸易有限公司',
    firstDaysAgo: 1000,
    lastDaysAgo: 760,
    everyDays: 60,
    channels: ['phone', 'email'],
    inbound: 0.1,
  },
  {
    customer: '广州南方包装材料有限公司',
    firstDaysAgo: 500,
    lastDaysAgo: 60,
    everyDays: 80,
    channels: ['phone', 'wechat'],
    inbound: 0.25,
  },
  {
    customer: '深圳市鹏程智能装备有限公司',
    firstDaysAgo: 400,
    lastDaysAgo: 30,
    everyDays: 45,
    channels: ['phone', 'wechat', 'face_to_face'],
    inbound: 0.3,
    service: 'xu.fang@weixi.local',
  },
  {
    // A prospect that found us: a call from them, our call back.
    customer: '武汉楚天新材料科技有限公司',
    firstDaysAgo: 20,
    lastDaysAgo: 18,
    everyDays: 2,
    channels: ['phone'],
    inbound: 0.5,
  },
  {
    customer: '北京京华信息技术有限公司',
    firstDaysAgo: 330,
    lastDaysAgo: 15,
    everyDays: 25,
    channels: ['phone', 'face_to_face', 'email', 'event'],
    inbound: 0.15,
    joiners: ['gm@weixi.local', 'mkt.director@weixi.local'],
  },
  {
    customer: '青岛海滨船舶设备有限公司',
    firstDaysAgo: 360,
    lastDaysAgo: 20,
    everyDays: 30,
    channels: ['face_to_face', 'phone', 'event'],
    inbound: 0.1,
    joiners: ['zhang.wei@weixi.local'],
  },
  {
    // 李娜's customer about to return to the pool (demo-pool.ts): its last contact 86 days ago.
    customer: '无锡太湖精工机械有限公司',
    firstDaysAgo: 200,
    lastDaysAgo: 86,
    everyDays: 60,
    channels: ['phone'],
    inbound: 0,
  },
];

// "3+1": business progress, latent needs, rapport, something of value (handbook 004).
const outboundTexts: Record<InteractionChannel, readonly string[]> = {
  phone: [
    '电话回访{c}，了解上批设备的使用情况，客户反馈运行稳定，顺便问候了近况。',
    '与{c}电话沟通下季度采购计划，对方预计月底会有一批备件补货需求。',
    '致电{c}确认交货进度，聊到孩子今年中考，考得不错。',
    '电话跟进报价单，{c}表示需要内部比价后答复，下周再联系。',
    '电话问候{c}，介绍我司新上线的远程运维服务，对方有兴趣了解。',
  ],
  wechat: [
    '微信发送新品资料给{c}，对方表示会转给技术部评估。',
    '节日微信问候{c}，并分享了行业新政策解读。',
    '微信与{c}确认样品寄送地址和收件人。',
  ],
  email: ['邮件发送季度对账单及维保提醒，{c}已回复确认。', '邮件发送产线改造方案初稿，请{c}提出修改意见。'],
  sms: ['短信提醒{c}设备年检时间，并附维保热线。'],
  face_to_face: [
    '与{c}面谈，回顾今年合作情况，听取对服务的意见，对方希望缩短备件交期。',
    '陪同{c}参观我司生产线，讨论定制控制柜方案。',
    '请{c}吃饭，聊了行业形势和对方公司明年的扩产打算。',
  ],
  visit: ['上门拜访{c}，了解现场设备运行情况。'],
  event: [
    '邀请{c}参加新品发布会暨客户答谢会，现场交流自动化改造需求。',
    '{c}出席我司技术交流会，对伺服新品很感兴趣。',
  ],
};
const inboundTexts: Partial<Record<InteractionChannel, readonly string[]>> = {
  phone: [
    '{c}来电询问备件价格及交期，已当场答复。',
    '{c}来电反映一台变频器报警，已转售后服务部处理并回电确认。',
    '{c}来电咨询发票开具事宜，已协调财务部。',
  ],
  wechat: ['{c}微信咨询伺服驱动器参数设置，已发送说明文档。', '{c}微信发来新项目的需求清单，请我方报价。'],
  email: ['{c}来邮件索要产品认证证书，已回复附件。'],
  face_to_face: ['{c}来公司洽谈，了解控制系统升级方案。'],
  event: ['{c}在展会上主动来我司展位交流。'],
};
const needs = [
  '明年计划新增两条产线，需要配套伺服系统',
  '希望缩短备件交期',
  '对远程运维服务感兴趣',
  '老设备节能改造',
  '',
  '',
];
const nextSteps = ['下周发送方案和报价', '安排工程师上门', '月底前再次回访', '寄送样品', '', ''];

/** A small deterministic generator (mulberry32): the demo is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof random>;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

interface Customer {
  id: string;
  name: string;
  owner_id: string | null;
  grade: string | null;
  category: string;
}

interface NewInteraction {
  customerId: string;
  by: string;
  at: Date;
  channel: InteractionChannel;
  direction: InteractionDirection;
  summary: string;
  needsFound?: string;
  nextStep?: string;
  guide: { business: boolean; needs: boolean; rapport: boolean; value: boolean };
  contactIds: string[];
  staffIds: string[];
  visitId?: string;
}

/**
 * Adds the demo interactions, visits and tasks, then sets each customer's follow-up clocks from
 * them (the database's trigger then computes the due dates). Runs once, after the customers,
 * orders, pool and the regrade: the due dates it aims at depend on the grades in force.
 */
export async function loadDemoEngagement(
  db: Kysely<DB>,
  now: Date,
  timeZone = 'Asia/Shanghai',
): Promise<{ interactions: number; visits: number; tasks: number }> {
  const users = await db.selectFrom('app_user').select(['id', 'email']).execute();
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  const zhang = idOf.get('zhang.wei@weixi.local');
  if (!zhang) return { interactions: 0, visits: 0, tasks: 0 };
  const customers = new Map(
    (await db.selectFrom('customer').select(['id', 'name', 'owner_id', 'grade', 'category']).execute()).map(
      (c) => [c.name, c as Customer],
    ),
  );
  const contacts = await db
    .selectFrom('contact')
    .select(['id', 'customer_id', 'name'])
    .orderBy('id')
    .execute();
  const contactsOf = (customerId: string) => contacts.filter((k) => k.customer_id === customerId);
  const settings = resolveEngagementSettings(
    (
      await db
        .selectFrom('setting')
        .select('value')
        .where('key', '=', 'engagement.settings')
        .executeTakeFirst()
    )?.value,
  );
  const days = new Map(
    (await db.selectFrom('grade_service_standard').select(['grade', 'follow_up_days']).execute()).map((s) => [
      s.grade,
      s.follow_up_days,
    ]),
  );
  const today = dateInTimeZone(now, timeZone);
  const startOf = (daysAgo: number) => startOfBusinessDay(addDays(today, -daysAgo), timeZone);
  const at = (daysAgo: number, hour: number, minute = 0) =>
    new Date(startOf(daysAgo).getTime() + (hour * 60 + minute) * 60_000);

  const interactions: NewInteraction[] = [];
  // The showcase follow-ups first: their customers' regular history stops well before them.
  const cutoffs = showcaseDueDates({
    customers,
    contactsOf,
    zhang,
    idOf,
    interactions,
    settings,
    days,
    at,
    now,
  });
  for (const story of stories) {
    const c = customers.get(story.customer);
    if (!c?.owner_id) continue;
    const rand = random(20261203 + story.customer.length * 7919 + story.firstDaysAgo);
    const mine = contactsOf(c.id);
    const cutoff = cutoffs.get(c.id) ?? now;
    // From the latest contact back to the first, so the story's last one falls on its day.
    for (let ago = story.lastDaysAgo; ago <= story.firstDaysAgo; ) {
      const when = at(ago, 9 + Math.floor(rand() * 9), Math.floor(rand() * 60));
      // The latest contact of each story is the owner's own (so only the stories meant to be
      // overdue are); earlier ones mix in the customer reaching us.
      const inbound = rand() < story.inbound && ago !== story.lastDaysAgo;
      const options = inbound ? story.channels.filter((ch) => inboundTexts[ch]) : story.channels;
      const channel = options.length ? pick(rand, options) : 'phone';
      const contact = mine.length ? pick(rand, mine) : null;
      const service = inbound && story.service && rand() < 0.5 ? idOf.get(story.service) : undefined;
      const by = service ?? c.owner_id;
      const joiner =
        !inbound && (channel === 'face_to_face' || channel === 'event') && story.joiners && rand() < 0.5
          ? idOf.get(pick(rand, story.joiners))
          : undefined;
      const texts = (inbound ? inboundTexts[channel] : outboundTexts[channel]) ?? outboundTexts.phone;
      const summary = pick(rand, texts).replace('{c}', contact?.name ?? '客户');
      const needsFound = rand() < 0.4 ? pick(rand, needs) : '';
      const nextStep = inbound ? '' : pick(rand, nextSteps);
      const guide = {
        business: !inbound || rand() < 0.5,
        needs: rand() < 0.6,
        rapport: !inbound && rand() < 0.5,
        value: !inbound && rand() < 0.3,
      };
      // The story's rhythm with some irregularity (±40 %).
      ago += Math.max(1, Math.round(story.everyDays * (0.6 + rand() * 0.8)));
      if (when >= cutoff) continue;
      interactions.push({
        customerId: c.id,
        by,
        at: when,
        channel,
        direction: inbound ? 'inbound' : 'outbound',
        summary,
        needsFound,
        nextStep,
        guide,
        contactIds: contact ? [contact.id] : [],
        staffIds: [by, ...(joiner && joiner !== by ? [joiner] : [])],
      });
    }
  }

  const visits = await zhangsWeek(db, { customers, contactsOf, zhang, now, at, interactions, today });
  await insertInteractions(db, interactions, settings);

  const tasks = await db
    .selectFrom('task')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await refreshFollowUpClocks(db);
  return { interactions: interactions.length, visits, tasks: Number(tasks.n) };
}

interface Ctx {
  customers: Map<string, Customer>;
  contactsOf: (customerId: string) => { id: string; name: string }[];
  zhang: string;
  now: Date;
  at: (daysAgo: number, hour: number, minute?: number) => Date;
  interactions: NewInteraction[];
}

/**
 * 张伟's visits: 宁波怡信 visited six days ago and reported, with two commitments that became tasks
 * (one now overdue, one due this week); 重庆长江汽配 — whose follow-up is overdue — planned for today.
 */
async function zhangsWeek(db: Kysely<DB>, x: Ctx & { today: string }): Promise<number> {
  let visits = 0;
  const yixin = x.customers.get('宁波怡信电子科技有限公司');
  const changjiang = x.customers.get('重庆长江汽车配件有限公司');
  if (!yixin || !changjiang) return 0;
  const [gm, buyer] = x.contactsOf(yixin.id);
  const checkIn = x.at(6, 10, 5);
  const reported = x.at(6, 11, 40);
  const visitId = newId();
  await db
    .insertInto('visit')
    .values({
      id: visitId,
      customer_id: yixin.id,
      visitor_id: x.zhang,
      planned_on: addDays(x.today, -6),
      planned_time: '10:00',
      stop_order: 1,
      purpose: '季度业务回顾，了解明年扩产计划',
      objectives: '确认明年伺服系统需求量；推荐远程运维服务；约定技术交流时间',
      materials: ['brochure', 'business_card', 'sample'],
      status: 'reported',
      check_in_at: checkIn,
      // The demo customers carry no map coordinates, so the distance cannot be judged.
      check_in_latitude: '29.870000',
      check_in_longitude: '121.540000',
      check_in_accuracy_m: 35,
      check_in_flag: 'no_customer_location',
      received_by: JSON.stringify([
        ...(gm ? [{ name: gm.name, position: '总经理', decisionAuthority: true, contactId: gm.id }] : []),
        ...(buyer
          ? [{ name: buyer.name, position: '采购经理', decisionAuthority: false, contactId: buyer.id }]
          : []),
      ]),
      needs: '明年新增两条 SMT 产线，需要约 40 套伺服电机及驱动器',
      problems: '上季度两批货到货晚了三天，影响了客户排产',
      objections: '认为我方价格比竞品高 5% 左右；已说明售后响应和质保期的差别',
      prospects: '陈总提到同园区的宁波东海电器也在找自动化供应商',
      competitor_info: '某日系品牌本月上门推介过，报价较低但交期 8 周',
      credit_change: 'none',
      report_summary: '客户对明年扩产的伺服需求明确，关注交期和价格；答应寄样品并安排工程师调试。',
      reported_at: reported,
      created_at: x.at(12, 9),
      updated_at: reported,
      created_by: x.zhang,
      updated_by: x.zhang,
    })
    .execute();
  visits++;
  x.interactions.push({
    customerId: yixin.id,
    by: x.zhang,
    at: checkIn,
    channel: 'visit',
    direction: 'outbound',
    summary: '上门拜访，季度业务回顾：客户明年扩产，伺服需求明确，关注交期和价格。',
    needsFound: '明年新增两条 SMT 产线，需要约 40 套伺服电机及驱动器',
    nextStep: '寄送样品及报价单；安排工程师上门调试',
    guide: { business: true, needs: true, rapport: true, value: true },
    contactIds: [gm, buyer].filter((k) => k !== undefined).map((k) => k.id),
    staffIds: [x.zhang],
    visitId,
  });
  // The visit's commitments (DOMAIN §4): each a task until it is kept.
  const weekday = ((new Date(`${x.today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const dueThisWeek = addDays(x.today, Math.min(2, 7 - weekday));
  await db
    .insertInto('task')
    .values(
      [
        { title: '寄送伺服电机样品及报价单给刘晓燕', dueOn: addDays(x.today, -2) },
        { title: '安排技术工程师上门调试 SMT 产线', dueOn: dueThisWeek },
      ].map((t) => ({
        id: newId(),
        title: t.title,
        description: '拜访宁波怡信时的承诺',
        customer_id: yixin.id,
        owner_id: x.zhang,
        due_on: t.dueOn,
        source: 'visit',
        source_id: visitId,
        created_at: reported,
        updated_at: reported,
        created_by: x.zhang,
        updated_by: x.zhang,
      })),
    )
    .execute();
  // Today's plan: catch up with the customer whose follow-up slipped.
  await db
    .insertInto('visit')
    .values({
      id: newId(),
      customer_id: changjiang.id,
      visitor_id: x.zhang,
      planned_on: x.today,
      planned_time: '14:00',
      stop_order: 1,
      purpose: '回访长江汽配，了解明年采购计划',
      objectives: '了解新车型配套项目进度；介绍电动蝶阀新品；确认对账单',
      materials: ['brochure', 'business_card', 'sample', 'customer_list'],
      created_at: x.at(2, 16),
      updated_at: x.at(2, 16),
      created_by: x.zhang,
      updated_by: x.zhang,
    })
    .execute();
  visits++;
  // 李娜 plans her next visit to a key account, and has a task of her own.
  const pujiang = x.customers.get('上海浦江医疗器械有限公司');
  if (pujiang?.owner_id) {
    await db
      .insertInto('visit')
      .values({
        id: newId(),
        customer_id: pujiang.id,
        visitor_id: pujiang.owner_id,
        planned_on: addDays(x.today, 1),
        planned_time: '09:30',
        purpose: '拜访浦江医疗采购总监，洽谈年度框架协议',
        objectives: '确定明年框架协议的产品范围和价格区间',
        materials: ['contract', 'brochure'],
        created_at: x.at(1, 15),
        updated_at: x.at(1, 15),
        created_by: pujiang.owner_id,
        updated_by: pujiang.owner_id,
      })
      .execute();
    visits++;
  }
  const tianfu = x.customers.get('成都天府食品有限公司');
  if (tianfu?.owner_id) {
    await db
      .insertInto('task')
      .values({
        id: newId(),
        title: '制定天府食品唤醒方案并电话联系杨小红',
        customer_id: tianfu.id,
        owner_id: tianfu.owner_id,
        due_on: addDays(x.today, 3),
        created_at: x.at(1, 11),
        updated_at: x.at(1, 11),
        created_by: tianfu.owner_id,
        updated_by: tianfu.owner_id,
      })
      .execute();
  }
  return visits;
}

/**
 * The two follow-ups 张伟 sees first: 杭州海纳光电 falls due today — its key-customer rule: his own
 * last call was a month ago, though the service desk called since — and 重庆长江汽配 is five days
 * overdue. Computed from the grade and category in force, so the regrade's result does not matter.
 */
function showcaseDueDates(
  x: Omit<Ctx, 'today'> & {
    idOf: Map<string, string>;
    settings: ReturnType<typeof resolveEngagementSettings>;
    days: Map<string, number>;
  },
): Map<string, Date> {
  const cutoffs = new Map<string, Date>();
  const daysOf = (c: Customer) => x.days.get(c.grade ?? 'D') ?? 180;
  const call = (c: Customer, by: string, at: Date, summary: string): NewInteraction => {
    const contact = x.contactsOf(c.id)[0];
    return {
      customerId: c.id,
      by,
      at,
      channel: 'phone',
      direction: 'outbound',
      summary: summary.replace('{c}', contact?.name ?? '客户'),
      needsFound: '',
      nextStep: '',
      guide: { business: true, needs: true, rapport: by === c.owner_id, value: false },
      contactIds: contact ? [contact.id] : [],
      staffIds: [by],
    };
  };
  /** The owner's last contact (and any later one by a colleague) so the follow-up falls due at `due`. */
  const aim = (c: Customer | undefined, due: Date, owner: string, colleagueAt: Date | null) => {
    if (!c || c.owner_id !== owner) return;
    const rule = c.category === 'key' ? x.settings.keyContactDays : daysOf(c);
    const last = new Date(due.getTime() - rule * day);
    x.interactions.push(call(c, owner, last, '电话回访{c}，了解设备运行和近期采购安排。'));
    cutoffs.set(c.id, new Date(last.getTime() - 7 * day));
    // A colleague's call resets the grade's cadence but not the owner's monthly contact.
    if (c.category === 'key' && colleagueAt && colleagueAt.getTime() + daysOf(c) * day > due.getTime()) {
      x.interactions.push(
        call(
          c,
          x.idOf.get('wu.jing@weixi.local') ?? owner,
          colleagueAt,
          '售后回访{c}，确认上月维修的设备运行正常。',
        ),
      );
    }
  };
  aim(x.customers.get('杭州海纳光电股份有限公司'), x.at(0, 10), x.zhang, x.at(10, 15));
  aim(x.customers.get('重庆长江汽车配件有限公司'), x.at(5, 15), x.zhang, null);
  // An inbound call yesterday: logged and on the timeline, but not a follow-up of ours.
  const yixin = x.customers.get('宁波怡信电子科技有限公司');
  const buyer = yixin ? x.contactsOf(yixin.id)[1] : undefined;
  if (yixin && buyer && x.at(1, 16) < x.now) {
    x.interactions.push({
      customerId: yixin.id,
      by: x.zhang,
      at: x.at(1, 16),
      channel: 'phone',
      direction: 'inbound',
      summary: `${buyer.name}来电催问样品寄出时间，答应本周内寄出。`,
      needsFound: '',
      nextStep: '尽快寄出样品',
      guide: { business: true, needs: false, rapport: false, value: false },
      contactIds: [buyer.id],
      staffIds: [x.zhang],
    });
  }
  return cutoffs;
}

async function insertInteractions(
  db: Kysely<DB>,
  rows: NewInteraction[],
  settings: ReturnType<typeof resolveEngagementSettings>,
): Promise<void> {
  const withIds = rows.map((r) => ({ ...r, id: newId() }));
  for (let i = 0; i < withIds.length; i += 200) {
    const batch = withIds.slice(i, i + 200);
    await db
      .insertInto('interaction')
      .values(
        batch.map((r) => ({
          id: r.id,
          customer_id: r.customerId,
          channel: r.channel,
          direction: r.direction,
          occurred_at: r.at,
          summary: r.summary,
          needs_found: r.needsFound ?? '',
          next_step: r.nextStep ?? '',
          guide_business: r.guide.business,
          guide_needs: r.guide.needs,
          guide_rapport: r.guide.rapport,
          guide_value: r.guide.value,
          visit_id: r.visitId ?? null,
          qualifies: qualifiesForFollowUp(r, settings),
          created_at: r.at,
          updated_at: r.at,
          created_by: r.by,
          updated_by: r.by,
        })),
      )
      .execute();
    const staff = batch.flatMap((r) =>
      [...new Set(r.staffIds)].map((u) => ({ interaction_id: r.id, user_id: u })),
    );
    if (staff.length) await db.insertInto('interaction_staff').values(staff).execute();
    const contacts = batch.flatMap((r) => r.contactIds.map((k) => ({ interaction_id: r.id, contact_id: k })));
    if (contacts.length) await db.insertInto('interaction_contact').values(contacts).execute();
  }
}

/**
 * Each customer's clocks from its interactions, as logging them keeps them: the last qualifying
 * one, the owner's last outbound one, and the pool's clock moved forward (never back — creating and
 * verifying the demo customers today counts as work on them). The trigger computes the due dates.
 */
async function refreshFollowUpClocks(db: Kysely<DB>): Promise<void> {
  await sql`
    with x as (
      select i.customer_id,
        max(i.occurred_at) filter (where i.qualifies) as follow_up,
        max(i.occurred_at) filter (where i.direction = 'outbound' and exists (
          select 1 from interaction_staff s where s.interaction_id = i.id and s.user_id = c.owner_id)) as owner_contact,
        max(i.occurred_at) as latest
      from interaction i join customer c on c.id = i.customer_id
      group by i.customer_id)
    update customer c set last_follow_up_at = x.follow_up, last_owner_contact_at = x.owner_contact,
      last_interaction_at = greatest(c.last_interaction_at, x.latest)
    from x where x.customer_id = c.id`.execute(db);
}
