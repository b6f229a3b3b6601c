import { BarChartOutlined, FileTextOutlined, SmileOutlined, SolutionOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

type SubNavKey = 'tickets' | 'templates' | 'surveys' | 'figures';

const items: { key: SubNavKey; path: string; icon: ReactNode }[] = [
  { key: 'tickets', path: '/service', icon: <SolutionOutlined /> },
  { key: 'templates', path: '/service/templates', icon: <FileTextOutlined /> },
  { key: 'surveys', path: '/service/surveys', icon: <SmileOutlined /> },
  { key: 'figures', path: '/service/figures', icon: <BarChartOutlined /> },
];

/** Which tab a path belongs to: /service/surveys/1/edit is still 满意度调查; anything else under /service is 工单. */
export function subNavKeyOf(pathname: string): SubNavKey {
  const hit = items.find(
    (i) => i.key !== 'tickets' && (pathname === i.path || pathname.startsWith(`${i.path}/`)),
  );
  return hit?.key ?? 'tickets';
}

/**
 * The service module's pages as one row of tabs: 工单, 模板, 满意度调查, 服务数据. Shown at the top
 * of each of them (the ticket queue places it too), so every page of the module is one click away.
 */
export function ServiceSubNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav
      aria-label={t('serviceAdmin.subNav.label')}
      style={{ marginBottom: 12 }}
      data-testid="service-subnav"
    >
      <Menu
        mode="horizontal"
        selectedKeys={[subNavKeyOf(pathname)]}
        style={{ background: 'transparent' }}
        items={items.map((i) => ({
          key: i.key,
          icon: i.icon,
          label: (
            <Link to={i.path} data-testid={`service-subnav-${i.key}`}>
              {t(`serviceAdmin.subNav.${i.key}`)}
            </Link>
          ),
        }))}
      />
    </nav>
  );
}

export default ServiceSubNav;
