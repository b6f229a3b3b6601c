import { defaultServiceSettings } from '@weixi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { insertSurvey } from './admin-fixtures';

let h: Harness;
let admin: Session;
let manager: Session;
let agent: Session;

const url = '/api/v1/service/settings';

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  const dept = await h.makeDepartment('客服设置部');
  manager = await h.signIn('department_manager', dept);
  agent = await h.signIn('service_agent', dept);
});
afterAll(async () => {
  await h.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  ...JSON.parse(JSON.stringify(defaultServiceSettings)),
  ...over,
});
const put = (as: Session | undefined, payload: object, headers: Record<string, string> = {}) =>
  h.request({ method: 'PUT', url, ...(as ? { as } : {}), payload, headers });
const read = async () => (await h.request({ method: 'GET', url, as: agent })).json();

describe('GET /api/v1/service/settings', () => {
  it('401 anonymous; everyone signed in reads the defaults with version 1 and an ETag', async () => {
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url, as: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toEqual({ ...body(), version: 1, updatedAt: null });
  });
});

describe('PUT /api/v1/service/settings', () => {
  it('401, 400 on shape, 403 for non-administrators, 428 without a version — nothing saved', async () => {
    expect((await put(undefined, body({ version: 1 }))).statusCode).toBe(401);
    const shape = await put(admin, body({ version: 1, warnBeforePercent: 'x', colour: 'red' }));
    expect(shape.statusCode).toBe(400);
    expect(
      shape
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['colour', 'warnBeforePercent']);
    expect((await put(manager, body({ version: 1 }))).statusCode).toBe(403);
    expect((await put(agent, body({ version: 1 }))).statusCode).toBe(403);
    expect((await put(admin, body())).statusCode).toBe(428);
    expect(await read()).toMatchObject({ version: 1, updatedAt: null });
  });

  it('names every invalid field by its path and saves nothing', async () => {
    const draft = await insertSurvey(h, 'draft');
    const res = await put(
      admin,
      body({
        version: 1,
        warnBeforePercent: 95,
        reopenWindowDays: -1,
        surveyLinkDays: 0,
        lowScore: { csatAtMost: 6, npsAtMost: 2 },
        resolvedSurveyId: draft,
        slaPolicies: [
          { channel: 'phone', firstResponseMs: 0, resolutionMs: 3_600_000, mode: 'calendar' },
          { channel: 'phone', firstResponseMs: 60_000, resolutionMs: 3_600_000, mode: 'calendar' },
        ],
        calendar: { ...defaultServiceSettings.calendar, timeZone: 'Mars/Olympus' },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'warnBeforePercent',
        'reopenWindowDays',
        'surveyLinkDays',
        'lowScore.csatAtMost',
        'resolvedSurveyId',
        'slaPolicies.0.firstResponseMs',
        'slaPolicies.1.channel',
        'calendar.timeZone',
      ]),
    );
    expect(res.json().errors.find((e: { path: string }) => e.path === 'resolvedSurveyId').code).toBe(
      'not_found',
    );
    expect(await read()).toMatchObject({ version: 1, warnBeforePercent: 20 });
  });

  it('saves with If-Match, audits what changed; a stale version is a 409', async () => {
    const survey = await insertSurvey(h);
    const policies = [
      {
        channel: 'email',
        priority: 'urgent',
        firstResponseMs: 3_600_000,
        resolutionMs: 7_200_000,
        mode: 'calendar',
      },
    ];
    const res = await put(
      admin,
      body({ warnBeforePercent: 25, resolvedSurveyId: survey, slaPolicies: policies }),
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      warnBeforePercent: 25,
      resolvedSurveyId: survey,
      slaPolicies: policies,
      version: 2,
    });
    expect(res.json().updatedAt).toEqual(expect.any(String));
    expect(await read()).toMatchObject({ warnBeforePercent: 25, version: 2 });

    const stale = await put(admin, body({ warnBeforePercent: 30, version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'setting')
      .where('entity_id', '=', 'service.settings')
      .execute();
    expect(audit).toEqual([
      {
        action: 'setting.update',
        before: { slaPolicies: [], warnBeforePercent: 20, resolvedSurveyId: null },
        after: { slaPolicies: policies, warnBeforePercent: 25, resolvedSurveyId: survey },
      },
    ]);
  });
});

describe('OpenAPI', () => {
  it('documents the service-admin routes from the shared schemas', async () => {
    const res = await h.request({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of [
      '/api/v1/service/settings',
      '/api/v1/service/categories',
      '/api/v1/service/categories/{id}',
      '/api/v1/service/root-causes',
      '/api/v1/service/root-causes/{id}',
      '/api/v1/service/reply-templates',
      '/api/v1/service/reply-templates/{id}',
      '/api/v1/service/reply-templates/{id}/render',
      '/api/v1/service/reply-placeholders',
      '/api/v1/service/figures',
      '/api/v1/service/root-cause-report',
    ])
      expect(doc.paths[path], path).toBeDefined();
    const put = doc.paths['/api/v1/service/settings'].put;
    expect(Object.keys(put.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['calendar', 'slaPolicies', 'warnBeforePercent', 'resolvedSurveyId', 'version']),
    );
  });
});
