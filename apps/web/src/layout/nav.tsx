import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FormOutlined,
  GiftOutlined,
  HeartOutlined,
  IdcardOutlined,
  InboxOutlined,
  MailOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  StarOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Role } from '@weixi/shared';
import type { ReactNode } from 'react';
import type { Resources } from '../i18n/zh-CN';

/** The business modules, in the order they will be built; each has a "coming soon" page until then. */
export const moduleKeys = [
  'workbench',
  'customers',
  'grading',
  'engagement',
  'service',
  'care',
  'loyalty',
  'approvals',
  'evaluation',
  'boards',
  'insights',
] as const satisfies readonly (keyof Resources['nav'] & keyof Resources['modules'])[];
export type ModuleKey = (typeof moduleKeys)[number];

export const modulePaths: Record<ModuleKey, string> = {
  workbench: '/',
  customers: '/customers',
  grading: '/grading',
  engagement: '/engagement',
  service: '/service',
  care: '/care',
  loyalty: '/loyalty',
  approvals: '/approvals',
  evaluation: '/evaluation',
  boards: '/boards',
  insights: '/insights',
};

export const moduleIcons: Record<ModuleKey, ReactNode> = {
  workbench: <DashboardOutlined />,
  customers: <IdcardOutlined />,
  grading: <StarOutlined />,
  engagement: <CalendarOutlined />,
  service: <CustomerServiceOutlined />,
  care: <HeartOutlined />,
  loyalty: <GiftOutlined />,
  approvals: <FileProtectOutlined />,
  evaluation: <SafetyCertificateOutlined />,
  boards: <ProjectOutlined />,
  insights: <BarChartOutlined />,
};

export type AdminKey =
  | 'users'
  | 'departments'
  | 'customFields'
  | 'customerSettings'
  | 'poolSettings'
  | 'engagementSettings'
  | 'serviceSettings'
  | 'serviceLists'
  | 'audit'
  | 'jobs'
  | 'outbox';

export const adminItems: { key: AdminKey; path: string; icon: ReactNode; roles: readonly Role[] }[] = [
  { key: 'users', path: '/admin/users', icon: <UserOutlined />, roles: ['admin'] },
  { key: 'departments', path: '/admin/departments', icon: <ApartmentOutlined />, roles: ['admin'] },
  { key: 'customFields', path: '/admin/custom-fields', icon: <FormOutlined />, roles: ['admin'] },
  {
    key: 'customerSettings',
    path: '/admin/customer-settings',
    icon: <ControlOutlined />,
    roles: ['admin'],
  },
  { key: 'poolSettings', path: '/admin/pool-settings', icon: <InboxOutlined />, roles: ['admin'] },
  {
    key: 'engagementSettings',
    path: '/admin/engagement-settings',
    icon: <FileDoneOutlined />,
    roles: ['admin'],
  },
  {
    key: 'serviceSettings',
    path: '/admin/service-settings',
    icon: <ClockCircleOutlined />,
    roles: ['admin'],
  },
  { key: 'serviceLists', path: '/admin/service-lists', icon: <UnorderedListOutlined />, roles: ['admin'] },
  { key: 'audit', path: '/admin/audit', icon: <AuditOutlined />, roles: ['admin'] },
  { key: 'jobs', path: '/admin/jobs', icon: <FieldTimeOutlined />, roles: ['admin'] },
  { key: 'outbox', path: '/admin/outbox', icon: <MailOutlined />, roles: ['admin'] },
];

export const systemIcon = <SettingOutlined />;
