import type { SurveySchedule } from '@weixi/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { issues } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { makeSurvey } from './survey-fixtures';
import { surveySchedulesJob } from './surveys.jobs';
import { runSurveySchedules } from './use-cases/run-survey-schedules';

let h: Harness;
let admin: Session;
let am: Session;
let surveyId: string;
let mailed: { id: string };
let unmailed: { id: string };
let otherGrade: { id: string };
const missing = '0190a0a0-0000-7000-8000-000000000000';
// 09:00 in Shanghai on Wednesday 2026-11-25.
const start = '2026-11-25T01:00:00Z';

beforeAll(async () => {
  h = await createHarness({ SMTP_URL: 'smtp://127.0.0.1:9' });
  h.clock.set(start);
  admin = await h.signIn('admin');
  am = await h.signIn('account_manager');
  surveyId = (await makeSurvey(h, admin, { title: '季度满意度' })).id;
  mailed = await createCustomer(h, am, {
    name: '定期调查甲',
    email: 'jia@example.com',
    contacts: [
      { name: '普通联系人', email: 'first@example.com' },
      { name: '关键联系人', email: 'key@example.com', isKey: true },
    ],
  });
  unmailed = await createCustomer(h, am, { name: '定期调查乙', contacts: [{ name: '无邮箱' }] });
  otherGrade = await createCustomer(h, am, { name: '定期调查丙', email: 'bing@example.com' });
  await h.database.db
    .updateTable('customer')
    .set({ grade: 'A' })
    .where('id', 'in', [mailed.id, unmailed.id])
    .execute();
  await h.database.db.updateTable('customer').set({ grade: 'C' }).where('id', '=', otherGrade.id).execute();
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url: '/api/v1/survey-schedules', ...(as ? { as } : {}), payload });
const patch = (as: Session | undefined, id: string, payload: Record<string, unknown>) =>
  h.request({ method: 'PATCH', url: `/api/v1/survey-schedules/${id}`, ...(as ? { as } : {}), payload });
const base = () => ({
  surveyId,
  name: '每季度 A 级客户',
  audience: { grades: ['A'] },
  intervalDays: 90,
  nextRunOn: '2026-11-25',
});

describe('survey schedules API', () => {
  it('401, 403 for non-administrators, 400 by field; creates, lists and edits with versions', async () => {
    expect((await post(undefined, base())).statusCode).toBe(401);
    expect((await post(am, base())).statusCode).toBe(403);
    expect((await h.request({ method: 'GET', url: '/api/v1/survey-schedules', as: am })).statusCode).toBe(
      403,
    );
    const empty = await post(admin, { ...base(), audience: {} });
    expect(issues(empty)).toEqual(['audience:required']);
    const unknown = await post(admin, {
      ...base(),
      audience: { customerIds: [mailed.id, missing] },
      nextRunOn: '2026-11-24',
      surveyId: missing,
    });
    expect(unknown.statusCode).toBe(400);
    expect(issues(unknown)).toEqual([
      'audience.customerIds.1:not_found',
      'nextRunOn:before_today',
      'surveyId:not_found',
    ]);
    expect(issues(await post(admin, { ...base(), intervalDays: 0, audience: { grades: ['E'] } }))).toEqual([
      'audience.grades.0:invalid_value',
      'intervalDays:too_small',
    ]);

    const created = await post(admin, { ...base(), name: '编辑测试', active: false });
    expect(created.statusCode).toBe(201);
    const s = created.json<SurveySchedule>();
    expect(s).toMatchObject({
      surveyId,
      survey: { id: surveyId, title: '季度满意度', status: 'active' },
      audience: { grades: ['A'] },
      intervalDays: 90,
      nextRunOn: '2026-11-25',
      lastRunAt: null,
      active: false,
      version: 1,
    });
    const list = await h.request({ method: 'GET', url: '/api/v1/survey-schedules', as: admin });
    expect(list.json<{ items: SurveySchedule[] }>().items.map((x) => x.id)).toContain(s.id);
    expect((await patch(admin, s.id, { name: '无版本' })).statusCode).toBe(428);
    const edited = await patch(admin, s.id, {
      version: 1,
      audience: { categories: ['key'], grades: [] },
      intervalDays: 30,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<SurveySchedule>()).toMatchObject({
      audience: { categories: ['key'] },
      intervalDays: 30,
      version: 2,
    });
    expect((await patch(admin, s.id, { version: 1, name: '旧' })).statusCode).toBe(409);
    expect((await patch(am, s.id, { version: 2, name: '越权' })).statusCode).toBe(403);
    expect((await patch(admin, missing, { version: 1, name: '无' })).statusCode).toBe(404);
  });
});

describe('the surveys.scheduled job', () => {
  it('sends a due schedule once per run date, even with two runs at once; e-mail or a link task for the owner', async () => {
    const created = await post(admin, { ...base(), name: '发送测试' });
    const schedule = created.json<SurveySchedule>();
    const ctx = { db: h.database.db, clock: h.clock, config: h.config, jobs: h.jobs };
    const [a, b] = await Promise.all([runSurveySchedules(ctx), runSurveySchedules(ctx)]);
    expect(a.schedules + b.schedules).toBe(1);
    expect(a.emailed + b.emailed).toBe(1);
    expect(a.links + b.links).toBe(1);
    // Through the queue as well: nothing left to send today.
    await h.jobs.send(surveySchedulesJob, {});
    await h.runJobs();
    const invitations = await h.database.db
      .selectFrom('survey_invitation')
      .select(['customer_id', 'channel', 'recipient', 'contact_id'])
      .where('schedule_id', '=', schedule.id)
      .orderBy('channel')
      .execute();
    expect(invitations).toEqual([
      {
        customer_id: mailed.id,
        channel: 'email',
        recipient: 'key@example.com',
        contact_id: expect.any(String),
      },
      { customer_id: unmailed.id, channel: 'link', recipient: null, contact_id: null },
    ]);
    const mail = await h.database.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'key@example.com')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.body).toContain('/s/');
    const task = await h.database.db
      .selectFrom('task')
      .select(['owner_id', 'customer_id', 'description', 'due_on'])
      .where('source', '=', 'survey')
      .where('customer_id', '=', unmailed.id)
      .execute();
    expect(task).toHaveLength(1);
    expect(task[0]).toMatchObject({ owner_id: am.userId, due_on: '2026-11-27' });
    expect(task[0]?.description).toMatch(/http:\/\/localhost:3000\/s\/\S+/);
    const note = await h.database.db
      .selectFrom('notification')
      .select('params')
      .where('user_id', '=', am.userId)
      .where('kind', '=', 'task.survey_links')
      .execute();
    expect(note).toHaveLength(1);
    const after = await h.request({
      method: 'GET',
      url: `/api/v1/survey-schedules/${schedule.id}`,
      as: admin,
    });
    expect(after.json<SurveySchedule>()).toMatchObject({
      nextRunOn: '2027-02-23',
      lastRunAt: '2026-11-25T01:00:00.000Z',
    });

    // A schedule missed for days runs once and moves past today by whole intervals.
    await h.database.db
      .updateTable('survey_schedule')
      .set({ next_run_on: '2026-11-20', interval_days: 2 })
      .where('id', '=', schedule.id)
      .execute();
    const again = await runSurveySchedules(ctx);
    expect(again.schedules).toBe(1);
    const moved = await h.database.db
      .selectFrom('survey_schedule')
      .select('next_run_on')
      .where('id', '=', schedule.id)
      .executeTakeFirstOrThrow();
    expect(moved.next_run_on).toBe('2026-11-26');
    expect((await runSurveySchedules(ctx)).schedules).toBe(0);
    await h.database.db
      .updateTable('survey_schedule')
      .set({ active: false })
      .where('id', '=', schedule.id)
      .execute();
  });
});
