import {
  EditOutlined,
  InfoCircleOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@weixi/shared';
import {
  App,
  Avatar,
  Button,
  Dropdown,
  Flex,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Spin,
  Typography,
} from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { authApi } from '../api/endpoints';
import { signedOut } from '../auth/session';
import { NotificationBell } from '../components/NotificationBell';
import { ErrorBoundary } from '../components/Results';
import { storedLocale } from '../i18n';
import { useLocale } from '../i18n/LocaleProvider';
import { errorText } from '../lib/errors';
import { engagementPermissions } from '../pages/engagement/permissions';
import { useQuickLog } from '../pages/engagement/quick-log/QuickLogProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { adminItems, moduleIcons, moduleKeys, modulePaths, systemIcon } from './nav';

const { Header, Sider, Content } = Layout;

function Logo({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: '0 20px' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {collapsed ? null : (
        <span
          style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 2, whiteSpace: 'nowrap' }}
        >
          {t('common.appName')}
        </span>
      )}
    </Link>
  );
}

/** 记一笔: log an interaction from any page, the most frequent thing an account manager does. */
function QuickLogButton({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const quickLog = useQuickLog();
  return (
    <Button
      type="primary"
      icon={<EditOutlined />}
      onClick={() => quickLog.open()}
      aria-label={t('engagement.quickLog.title')}
      data-testid="header-quick-log"
    >
      {compact ? null : t('engagement.quickLog.button')}
    </Button>
  );
}

/** The longest menu path that prefixes the current location; pages outside the menu select nothing. */
function selectedKey(pathname: string, paths: string[]): string {
  if (pathname === '/') return '/';
  let best = '';
  for (const p of paths) {
    if (p !== '/' && (pathname === p || pathname.startsWith(`${p}/`)) && p.length > best.length) best = p;
  }
  return best;
}

export function AppLayout({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.lg === false;
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLocale();

  // Phones start with the menu hidden, and it hides again after each navigation there.
  useEffect(() => {
    setCollapsed(isMobile);
  }, [isMobile]);
  // Runs after every navigation (not on resize), so a phone user lands on the page, not the menu.
  useEffect(() => {
    if (isMobile) setCollapsed(true);
  }, [location.pathname]);

  // Without an explicit choice on this browser, the profile's language applies.
  useEffect(() => {
    if (!storedLocale() && me.locale !== locale) setLocale(me.locale, false);
  }, [me.locale, locale, setLocale]);

  const logout = useMutation({
    mutationFn: authApi.logout,
    onSuccess: () => {
      signedOut(queryClient);
      navigate('/login', { replace: true, state: { reason: 'signed_out' } });
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  const visibleAdmin = useMemo(() => adminItems.filter((item) => item.roles.includes(me.role)), [me.role]);
  const items = useMemo<MenuProps['items']>(() => {
    const modules = moduleKeys.map((key) => ({
      key: modulePaths[key],
      icon: moduleIcons[key],
      label: <Link to={modulePaths[key]}>{t(`nav.${key}`)}</Link>,
    }));
    if (visibleAdmin.length === 0) return modules;
    return [
      ...modules,
      { type: 'divider' as const },
      {
        key: 'system',
        icon: systemIcon,
        label: <span data-testid="nav-system">{t('nav.system')}</span>,
        children: visibleAdmin.map((item) => ({
          key: item.path,
          icon: item.icon,
          label: (
            <Link to={item.path} data-testid={`nav-${item.key}`}>
              {t(`nav.${item.key}`)}
            </Link>
          ),
        })),
      },
    ];
  }, [t, visibleAdmin]);

  const allPaths = [...moduleKeys.map((k) => modulePaths[k]), ...visibleAdmin.map((i) => i.path)];
  const selected = selectedKey(location.pathname, allPaths);

  const userMenu: MenuProps['items'] = [
    {
      key: 'profile',
      icon: <UserOutlined />,
      label: <span data-testid="menu-profile">{t('nav.profile')}</span>,
    },
    {
      key: 'about',
      icon: <InfoCircleOutlined />,
      label: <span data-testid="menu-about">{t('nav.about')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="menu-logout">{t('nav.logout')}</span>,
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        trigger={null}
        breakpoint="lg"
        collapsedWidth={isMobile ? 0 : 72}
        width={228}
        style={{
          position: isMobile ? 'fixed' : 'sticky',
          top: 0,
          height: '100vh',
          overflow: 'auto',
          zIndex: 20,
        }}
        data-testid="sider"
      >
        <Logo collapsed={collapsed} />
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={selected.startsWith('/admin') ? ['system'] : []}
          items={items}
          aria-label={t('nav.menu')}
          data-testid="main-menu"
        />
      </Sider>
      {isMobile && !collapsed ? (
        // A tap beside the open menu closes it, as phone users expect.
        <div
          aria-hidden
          onClick={() => setCollapsed(true)}
          style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.35)', zIndex: 15 }}
        />
      ) : null}
      <Layout>
        <Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: '0 16px',
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
            data-testid="sider-toggle"
          />
          <Typography.Text type="secondary" style={{ flex: 1, whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {screens.md ? t('common.appTagline') : null}
          </Typography.Text>
          {engagementPermissions(me.role).logInteraction ? <QuickLogButton compact={!screens.sm} /> : null}
          <LanguageSwitch me={me} />
          <NotificationBell />
          <Dropdown
            trigger={['click']}
            menu={{
              items: userMenu,
              onClick: ({ key }) => {
                if (key === 'logout') logout.mutate();
                else navigate(`/${key}`);
              },
            }}
          >
            <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
              <Flex align="center" gap={8}>
                <Avatar size="small" style={{ background: '#1668dc' }}>
                  {me.name.slice(0, 1)}
                </Avatar>
                {screens.sm ? (
                  <span style={{ lineHeight: 1.2, textAlign: 'left' }}>
                    <span data-testid="current-user">{me.name}</span>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t(`roles.${me.role}`)}
                    </Typography.Text>
                  </span>
                ) : null}
              </Flex>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 64 }}>
                  <Spin />
                </Flex>
              }
            >
              {logout.isPending ? <Spin fullscreen /> : null}
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
