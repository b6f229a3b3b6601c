import type { NotificationItem } from '@weixi/shared';
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import enUS from '../i18n/en-US';
import zhCN from '../i18n/zh-CN';
import { notificationText } from './notification-text';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

function item(kind: string, params: NotificationItem['params']): NotificationItem {
  return {
    id: '0190d6f0-0000-7000-8000-000000000001',
    kind,
    params,
    link: null,
    entity: null,
    entityId: null,
    actor: null,
    createdAt: '2026-11-25T08:00:00.000Z',
    readAt: null,
  };
}

describe('notificationText', () => {
  it('renders a kind with its params in the reader’s language', async () => {
    const n = item('pool.recycle_warning', {
      count: 2,
      names: '宁波怡信、杭州华东',
      days: 7,
      dueOn: '2026-12-02',
    });
    await i18n.changeLanguage('zh-CN');
    expect(notificationText(i18n.t, i18n, n)).toEqual({
      title: '2 位客户将在 7 天后回收到公海：宁波怡信、杭州华东',
      body: '这些客户长时间没有沟通记录，将于 2026-12-02 自动回到公海。记录一次沟通即可保留。',
    });
    await i18n.changeLanguage('en-US');
    expect(notificationText(i18n.t, i18n, n).title).toBe(
      '2 customer(s) return to the public pool in 7 days: 宁波怡信、杭州华东',
    );
  });

  it('adds the reason only when one was given', async () => {
    await i18n.changeLanguage('zh-CN');
    const given = item('pool.released_by_manager', {
      name: '宁波怡信',
      reason: '客户要求更换对接人',
      by: '刘洋',
    });
    const none = item('pool.released_by_manager', { name: '宁波怡信', reason: '', by: '刘洋' });
    expect(notificationText(i18n.t, i18n, given).body).toBe(
      '刘洋 将该客户退回公海（原因：客户要求更换对接人）。',
    );
    expect(notificationText(i18n.t, i18n, none).body).toBe('刘洋 将该客户退回公海。');
  });

  it('names a job by its readable name, or its code when this build does not know it', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(notificationText(i18n.t, i18n, item('job.completed', { job: 'grading.regrade-all' })).title).toBe(
      '后台任务「全部客户重新评级」已完成',
    );
    expect(notificationText(i18n.t, i18n, item('job.failed', { job: 'x.new-job', error: '超时' }))).toEqual({
      title: '后台任务「x.new-job」失败',
      body: '原因：超时',
    });
  });

  it('an unknown kind (a newer server) still reads as a notification', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(notificationText(i18n.t, i18n, item('visit.reminder', {}))).toEqual({
      title: '新通知',
      body: '类型：visit.reminder',
    });
  });
});
