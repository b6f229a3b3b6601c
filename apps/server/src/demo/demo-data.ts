import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { defaultScopeForRole } from '@weixi/domain';
import type { DataScopeKind, Role } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../config';
import { regradeDemo } from '../modules/grading/regrade';
import { countUsers, insertDepartment, insertUser } from '../modules/identity/identity.repository';
import { hashPassword } from '../modules/identity/passwords';
import { notify } from '../modules/platform/notify';
import { loadDemoCustomers } from './demo-customers';
import { loadDemoEngagement } from './demo-engagement';
import { loadDemoOrders } from './demo-orders';
import { loadDemoPool } from './demo-pool';
import { loadDemoService } from './demo-service';

export const demoPassword = 'Weixi@2026!';

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  department: string;
  phone: string;
  manages?: boolean;
  /** Where the role's default data scope does not fit the job. */
  dataScope?: DataScopeKind;
}

// A small manufacturing company's client-facing organisation, as the handbooks describe it.
const departments: { key: string; name: string; parent?: string }[] = [
  { key: 'gm', name: '总经理办公室' },
  { key: 'mkt', name: '营销中心' },
  { key: 'sales1', name: '销售一部', parent: 'mkt' },
  { key: 'sales2', name: '销售二部', parent: 'mkt' },
  { key: 'market', name: '市场部', parent: 'mkt' },
  { key: 'cs', name: '客户服务部' },
  { key: 'fin', name: '财务部' },
  { key: 'admin', name: '行政部' },
];

const users: DemoUser[] = [
  {
    email: 'gm@weixi.local',
    name: '王建国',
    role: 'executive',
    department: 'gm',
    phone: '13800000001',
    manages: true,
  },
  { email: 'vp@weixi.local', name: '李振华', role: 'executive', department: 'gm', phone: '13800000002' },
  {
    email: 'mkt.director@weixi.local',
    name: '陈思远',
    role: 'department_manager',
    department: 'mkt',
    phone: '13800000003',
    manages: true,
  },
  {
    email: 'sales1.manager@weixi.local',
    name: '刘洋',
    role: 'department_manager',
    department: 'sales1',
    phone: '13800000004',
    manages: true,
  },
  {
    email: 'zhang.wei@weixi.local',
    name: '张伟',
    role: 'account_manager',
    department: 'sales1',
    phone: '13800000005',
  },
  {
    email: 'li.na@weixi.local',
    name: '李娜',
    role: 'account_manager',
    department: 'sales1',
    phone: '13800000006',
  },
  {
    email: 'zhao.lei@weixi.local',
    name: '赵磊',
    role: 'account_manager',
    department: 'sales2',
    phone: '13800000007',
  },
  {
    email: 'cs.manager@weixi.local',
    name: '周敏',
    role: 'department_manager',
    department: 'cs',
    phone: '13800000008',
    manages: true,
  },
  {
    email: 'wu.jing@weixi.local',
    name: '吴静',
    role: 'service_agent',
    // The service desk takes calls from every customer, not only its own (role default: own).
    dataScope: 'all',
    department: 'cs',
    phone: '13800000009',
  },
  {
    email: 'xu.fang@weixi.local',
    name: '徐芳',
    role: 'service_agent',
    dataScope: 'all',
    department: 'cs',
    phone: '13800000010',
  },
  {
    email: 'sun.li@weixi.local',
    name: '孙丽',
    role: 'finance',
    department: 'fin',
    phone: '13800000011',
    manages: true,
  },
  {
    email: 'zheng.qiang@weixi.local',
    name: '郑强',
    role: 'reception',
    department: 'admin',
    phone: '13800000012',
    manages: true,
  },
];

/**
 * Loads the demo company into an empty database (only the bootstrap administrator present).
 * Later modules append their demo records here, after the people exist.
 */
export async function loadDemoData(
  db: Kysely<DB>,
  now: Date,
  config: Config = loadConfig({}),
): Promise<{ email: string; name: string; role: Role }[]> {
  if ((await countUsers(db)) > 1) return [];
  return db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const d of departments) {
      const id = newId();
      ids.set(d.key, id);
      await insertDepartment(trx, {
        id,
        name: d.name,
        parent_id: d.parent ? ids.get(d.parent)! : null,
        manager_id: null,
        actorId: null,
      });
    }
    const hash = await hashPassword(demoPassword);
    for (const u of users) {
      const id = newId();
      const departmentId = ids.get(u.department)!;
      await insertUser(trx, {
        id,
        email: u.email,
        name: u.name,
        password_hash: hash,
        role: u.role,
        data_scope: u.dataScope ?? defaultScopeForRole(u.role),
        department_id: departmentId,
        phone: u.phone,
        locale: 'zh-CN',
        actorId: null,
      });
      if (u.manages)
        await trx.updateTable('department').set({ manager_id: id }).where('id', '=', departmentId).execute();
    }
    await loadDemoCustomers(trx, now);
    await loadDemoOrders(trx, now);
    await loadDemoPool(trx, now);
    // A first notice in every inbox (the administrator's too), so the bell has something to show.
    const clock = { now: () => now };
    const everyone = await trx.selectFrom('app_user').select(['id', 'name', 'role']).execute();
    for (const u of everyone) {
      await notify(
        { db: trx, clock },
        { userIds: [u.id], kind: 'system.welcome', params: { name: u.name }, link: '/' },
      );
      if (u.role === 'account_manager') {
        await notify(
          { db: trx, clock },
          { userIds: [u.id], kind: 'system.getting_started', params: { name: u.name }, link: '/customers' },
        );
      }
    }
    // Last, after every module's demo records: real grades from the demo orders, by the nightly
    // regrade (grading module). Without orders it leaves the grades written above alone.
    await regradeDemo(trx, now);
    await loadDemoEngagement(trx, now); // after the regrade: the due dates it aims at follow the grades
    await loadDemoService(trx, now, config); // tickets' SLA targets follow the grades too
    return users.map(({ email, name, role }) => ({ email, name, role }));
  });
}
