import type { DB } from '@weixi/db';
import type { SurveyQuestionInput, Ticket, TicketChannel, TicketKind, TicketPriority } from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Ctx } from '../http/context';
import { actorOfUser } from '../modules/identity/use-cases/resolve-actor';
import { backgroundCtx } from '../modules/platform/import/job-ctx';
import { surveySecret } from '../modules/service/survey-secret';
import { activateSurvey } from '../modules/service/use-cases/activate-survey';
import { addTicketEvent } from '../modules/service/use-cases/add-ticket-event';
import { advanceTicketStage } from '../modules/service/use-cases/advance-ticket-stage';
import { createSurvey } from '../modules/service/use-cases/create-survey';
import { createTicket } from '../modules/service/use-cases/create-ticket';
import { getTicket } from '../modules/service/use-cases/get-ticket';
import { inviteToSurvey } from '../modules/service/use-cases/invite-to-survey';
import { renderReplyTemplate } from '../modules/service/use-cases/render-reply-template';
import { resumeTicket } from '../modules/service/use-cases/resume-ticket';
import { submitSurveyResponse } from '../modules/service/use-cases/submit-survey-response';
import { transitionTicket } from '../modules/service/use-cases/transition-ticket';
import { waitOnCustomer } from '../modules/service/use-cases/wait-on-customer';

// The demo company's service desk (issue 6), dated relative to `now` and played through the same
// use cases the API runs, so every SLA deadline, history entry, audit row and timeline item is
// what the product itself would have written: a complaint handled by the book and answered with a
// good score, a service request delivered late whose low score opened a task for its owner, a question, a
// resolved complaint waiting to be closed, one waiting on the customer, one acknowledged this
// morning and an urgent complaint nobody has picked up yet — so the queue, the ticket page, the
// survey results and the figures have something true to show on first start. Wording follows the
// handbooks' 投诉处理 and 标准服务用语 (/work/shared/seeds).

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

type Step =
  | { at: number; by?: string; do: 'acknowledge' | 'start' }
  | { at: number; by?: string; do: 'stage'; stage: 'agree_plan' | 'deliver' }
  | { at: number; by?: string; do: 'reply' | 'note'; body: string; template?: string }
  | { at: number; by?: string; do: 'wait'; reason: string }
  | { at: number; by?: string; do: 'resume' }
  | { at: number; by?: string; do: 'resolve'; resolution: string }
  | { at: number; by?: string; do: 'close'; rootCause?: string }
  | { at: number; do: 'survey'; answers: Record<string, unknown> };

interface Story {
  customer: string;
  /** A contact of the customer by name; the first key contact otherwise. */
  contact?: string;
  /** Milliseconds before now that the customer reached us. */
  receivedAgo: number;
  channel: TicketChannel;
  kind: TicketKind;
  category: string;
  priority: TicketPriority;
  important?: boolean;
  subject: string;
  description: string;
  /** Who records it (their e-mail) and who owns it. */
  openedBy: string;
  owner: string;
  /** Milliseconds after receipt. */
  steps: Step[];
}

const wu = 'wu.jing@weixi.local';
const xu = 'xu.fang@weixi.local';
const csManager = 'cs.manager@weixi.local';

const stories: Story[] = [
  {
    customer: '宁波怡信电子科技有限公司',
    contact: '刘晓燕',
    receivedAgo: 26 * day,
    channel: 'phone',
    kind: 'complaint',
    category: '产品质量',
    priority: 'high',
    important: true,
    subject: '第二批贴片电感批量失效，影响客户产线',
    description:
      '刘经理来电：11 月到货的第二批贴片电感上线后失效率约 3%，客户产线已停线待料，要求三天内给出处理方案并补货。',
    openedBy: wu,
    owner: wu,
    steps: [
      // Phone tickets are acknowledged during the call: the target is 30 seconds.
      { at: 20_000, do: 'acknowledge' },
      { at: 5 * minute, do: 'reply', body: '受理确认', template: '受理确认' },
      { at: 15 * minute, do: 'start' },
      {
        at: 40 * minute,
        do: 'note',
        body: '质量部已取回 20 只失效样品，初步判断为来料焊端氧化，同批次库存已冻结。',
      },
      { at: 1 * hour, do: 'stage', stage: 'agree_plan' },
      {
        at: 1 * hour + 10 * minute,
        do: 'reply',
        body: '刘经理您好，经分析为来料焊端氧化。我们今天加急补发 5 万只新批次物料，并派工程师驻厂协助筛查，失效品全部退换。',
      },
      { at: 2 * hour, do: 'stage', stage: 'deliver' },
      {
        at: 3 * hour + 30 * minute,
        do: 'resolve',
        resolution: '补发 5 万只新批次物料，驻厂筛查完毕，客户产线恢复。',
      },
      {
        at: 1 * day,
        do: 'survey',
        answers: { sat: 5, nps: 9, why: '速度', good: ['响应', '专业'], note: '处理很及时，工程师很专业。' },
      },
      { at: 3 * day, by: csManager, do: 'close', rootCause: '生产质量问题' },
    ],
  },
  {
    customer: '上海浦江医疗器械有限公司',
    receivedAgo: 19 * day,
    channel: 'email',
    kind: 'service_request',
    category: '维修保养',
    priority: 'normal',
    subject: '超声清洗设备年度保养预约',
    description: '客户邮件申请安排两台超声清洗设备的年度保养，希望在月底前完成。',
    openedBy: xu,
    owner: xu,
    steps: [
      { at: 3 * hour, do: 'acknowledge' },
      { at: 4 * hour, do: 'reply', body: '您好，保养已排期，工程师将于下周二上门，请协助安排停机时间。' },
      { at: 1 * day, do: 'start' },
      { at: 1 * day + hour, do: 'stage', stage: 'agree_plan' },
      { at: 6 * day, do: 'stage', stage: 'deliver' },
      { at: 7 * day, do: 'resolve', resolution: '两台设备保养完成，更换密封圈两只。' },
      {
        at: 8 * day,
        do: 'survey',
        answers: { sat: 2, nps: 4, why: '速度', note: '上门时间比约定晚了两天，影响了我们的排产。' },
      },
      { at: 9 * day, do: 'close', rootCause: '响应或沟通不及时' },
    ],
  },
  {
    customer: '深圳市鹏程智能装备有限公司',
    contact: '何俊',
    receivedAgo: 12 * day,
    channel: 'wechat',
    kind: 'question',
    category: '使用咨询',
    priority: 'low',
    subject: '控制器固件升级步骤咨询',
    description: '何总监微信咨询新版控制器固件的升级步骤和注意事项。',
    openedBy: wu,
    owner: wu,
    steps: [
      { at: 20 * minute, do: 'start' },
      {
        at: 40 * minute,
        do: 'reply',
        body: '何总您好，升级手册已发至您邮箱，升级前请先备份参数；如需远程协助请随时联系。',
      },
      { at: 1 * hour, do: 'stage', stage: 'deliver' },
      { at: 2 * hour, do: 'resolve', resolution: '发送升级手册并电话讲解，客户已自行完成升级。' },
      { at: 1 * day, do: 'survey', answers: { sat: 4, nps: 8, good: ['响应', '礼貌'] } },
      { at: 2 * day, do: 'close' },
    ],
  },
  {
    customer: '杭州海纳光电股份有限公司',
    receivedAgo: 4 * day,
    channel: 'phone',
    kind: 'complaint',
    category: '物流配送',
    priority: 'normal',
    subject: '到货外箱破损，部分镜片划伤',
    description: '客户来电：本周到货的 12 箱中有 2 箱外箱破损，约 40 片镜片表面划伤。',
    openedBy: wu,
    owner: wu,
    steps: [
      { at: 25_000, do: 'acknowledge' },
      { at: 1 * hour, do: 'start' },
      { at: 2 * hour, do: 'stage', stage: 'agree_plan' },
      { at: 2 * hour + 10 * minute, do: 'reply', body: '致歉说明', template: '致歉说明' },
      { at: 3 * hour, do: 'stage', stage: 'deliver' },
      { at: 6 * hour, do: 'resolve', resolution: '补发 40 片镜片，已与物流公司协商加固包装并索赔。' },
    ],
  },
  {
    customer: '苏州恒瑞精密机械有限公司',
    receivedAgo: 2 * day,
    channel: 'online',
    kind: 'service_request',
    category: '安装调试',
    priority: 'high',
    subject: '新购数控转台安装调试',
    description: '客户在线提交：新购两台数控转台已到厂，申请安排安装调试。',
    openedBy: xu,
    owner: xu,
    steps: [
      { at: 40_000, do: 'acknowledge' },
      { at: 2 * hour, do: 'start' },
      {
        at: 3 * hour,
        do: 'reply',
        body: '您好，请提供设备基础的完工照片和电源参数，以便我们安排工程师和工装。',
      },
      { at: 3 * hour + 5 * minute, do: 'wait', reason: '等待客户提供设备基础照片和电源参数' },
    ],
  },
  {
    customer: '广州南方包装材料有限公司',
    receivedAgo: 5 * hour,
    channel: 'phone',
    kind: 'complaint',
    category: '账务发票',
    priority: 'normal',
    subject: '11 月发票金额与对账单不符',
    description: '邓总来电：11 月增值税发票金额比对账单多出 3,200 元，要求核对并重开。',
    openedBy: wu,
    owner: wu,
    steps: [
      { at: 15_000, do: 'acknowledge' },
      { at: 10 * minute, do: 'note', body: '已转财务部孙丽核对开票明细。' },
    ],
  },
  {
    customer: '重庆长江汽车配件有限公司',
    receivedAgo: 40 * minute,
    channel: 'phone',
    kind: 'complaint',
    category: '产品质量',
    priority: 'urgent',
    important: true,
    subject: '装车后传感器报警，客户要求立即派人',
    description: '谭经理来电：本批传感器装车测试时频繁报警，客户总装线受影响，要求今天派工程师到现场。',
    openedBy: wu,
    owner: xu,
    steps: [],
  },
];

const surveyQuestions: SurveyQuestionInput[] = [
  { id: 'sat', type: 'csat', label: '您对本次服务的总体满意度', required: true },
  { id: 'nps', type: 'nps', label: '您向同行推荐我们的可能性有多大？', required: false },
  {
    id: 'why',
    type: 'single_choice',
    label: '影响您评价的最主要因素',
    required: false,
    options: ['速度', '态度', '专业', '结果'],
  },
  {
    id: 'good',
    type: 'multi_choice',
    label: '我们做得好的方面（可多选）',
    required: false,
    options: ['响应', '专业', '礼貌', '守约'],
  },
  { id: 'note', type: 'free_text', label: '您的其他意见和建议', required: false },
];

async function buildSurvey(ctx: Ctx) {
  const draft = await createSurvey(ctx, {
    title: '售后服务满意度回访',
    intro: '感谢您选择我们的产品与服务。占用您一分钟，请对本次服务做个评价，您的意见是我们改进的依据。',
    questions: surveyQuestions,
  });
  return activateSurvey(ctx, draft.id, draft.version);
}

/** Plays the stories above into the demo company, inside the demo's transaction. */
export async function loadDemoService(db: Kysely<DB>, now: Date, config: Config): Promise<void> {
  const users = await db.selectFrom('app_user').select(['id', 'email', 'role']).execute();
  let at = now;
  const clock = { now: () => at };
  const deps = { db, clock, config, log: () => {} };
  // Each person's own context, their real data scope included, as a request of theirs would have.
  const ctxs = new Map<string, Ctx>();
  for (const u of users) {
    const actor = await actorOfUser(db, u.id);
    if (actor) ctxs.set(u.email, backgroundCtx(deps, actor, 'demo'));
  }
  const ctxOf = (email: string): Ctx => {
    const ctx = ctxs.get(email);
    if (!ctx) throw new Error(`demo service: no user ${email}`);
    return ctx;
  };
  const byName = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.name, r.id]));
  const categories = byName(await db.selectFrom('ticket_category').select(['id', 'name']).execute());
  const causes = byName(await db.selectFrom('root_cause').select(['id', 'name']).execute());
  const templates = byName(await db.selectFrom('reply_template').select(['id', 'title as name']).execute());

  // The administrator builds the after-service survey a month before the first story. (A database
  // without one — a data-transfer test's — gets the tickets without the survey.)
  const admin = users.find((p) => p.role === 'admin');
  at = new Date(now.getTime() - 30 * day);
  const survey = admin ? await buildSurvey(ctxOf(admin.email)) : null;
  const secret = await surveySecret({ db, config }, false);

  for (const story of stories) {
    const received = now.getTime() - story.receivedAgo;
    at = new Date(received);
    const customer = await db
      .selectFrom('customer')
      .select('id')
      .where('name', '=', story.customer)
      .executeTakeFirstOrThrow();
    const contacts = await db
      .selectFrom('contact')
      .select(['id', 'name', 'is_key'])
      .where('customer_id', '=', customer.id)
      .orderBy('is_key', 'desc')
      .execute();
    const contact = contacts.find((c) => c.name === story.contact) ?? contacts[0];
    let ticket: Ticket = await createTicket(ctxOf(story.openedBy), {
      customerId: customer.id,
      contactId: contact?.id ?? null,
      channel: story.channel,
      kind: story.kind,
      categoryId: categories.get(story.category) ?? null,
      priority: story.priority,
      important: story.important ?? false,
      subject: story.subject,
      description: story.description,
      ownerId: ctxOf(story.owner).actor.id,
      receivedAt: at.toISOString(),
    });
    for (const step of story.steps) {
      at = new Date(received + step.at);
      if (step.do === 'survey') {
        if (!survey) continue;
        const sent = await inviteToSurvey(
          ctxOf(story.owner),
          survey.id,
          {
            customerId: customer.id,
            ...(contact ? { contactId: contact.id } : {}),
            ticketId: ticket.id,
            channel: 'link',
          },
          secret,
        );
        at = new Date(at.getTime() + 3 * hour); // the customer answers that afternoon
        const token = sent.link.split('/s/')[1] ?? '';
        await submitSurveyResponse(
          { db, clock, config, requestId: 'demo', ip: '127.0.0.1', userAgent: null },
          token,
          step.answers,
          secret,
        );
        continue;
      }
      const ctx = ctxOf(step.by ?? story.owner);
      switch (step.do) {
        case 'acknowledge':
        case 'start':
          ticket = await transitionTicket(ctx, ticket.id, ticket.version, { action: step.do });
          break;
        case 'stage':
          ticket = await advanceTicketStage(ctx, ticket.id, ticket.version, step.stage);
          break;
        case 'reply':
        case 'note': {
          // A template's reply is its text with the placeholders filled, as the composer sends it.
          const templateId = step.template ? templates.get(step.template) : undefined;
          const body = templateId ? (await renderReplyTemplate(ctx, templateId, ticket.id)).text : step.body;
          await addTicketEvent(ctx, ticket.id, {
            kind: step.do,
            body,
            ...(templateId ? { templateId } : {}),
          });
          ticket = await getTicket(ctx, ticket.id); // a first reply moves the version
          break;
        }
        case 'wait':
          ticket = await waitOnCustomer(ctx, ticket.id, ticket.version, step.reason);
          break;
        case 'resume':
          ticket = await resumeTicket(ctx, ticket.id, ticket.version);
          break;
        case 'resolve':
          ticket = await transitionTicket(ctx, ticket.id, ticket.version, {
            action: 'resolve',
            resolution: step.resolution,
          });
          break;
        case 'close': {
          const rootCauseId = step.rootCause ? causes.get(step.rootCause) : undefined;
          ticket = await transitionTicket(ctx, ticket.id, ticket.version, {
            action: 'close',
            ...(rootCauseId ? { rootCauseId } : {}),
          });
          break;
        }
      }
    }
  }
}
