import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ForbiddenResult } from '../../components/Results';
import { CatalogTab } from './CatalogTab';
import { OrdersTab } from './OrdersTab';
import { loyaltyPermissions } from './permissions';

/**
 * 订单与积分: orders and the product catalog. Points and referrals arrive with a later issue and get
 * their tabs then. The tab lives in the URL (?tab=catalog) so it survives a reload and can be linked.
 */
export default function LoyaltyPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  if (!loyaltyPermissions(me.role).readOrders) return <ForbiddenResult />;
  const tab = params.get('tab') === 'catalog' ? 'catalog' : 'orders';
  return (
    <div data-testid="loyalty-page">
      <PageHeader
        title={<span data-testid="page-title">{t('loyalty.title')}</span>}
        subtitle={t('loyalty.subtitle')}
      />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'orders' ? {} : { tab: key })}
          items={[
            {
              key: 'orders',
              label: <span data-testid="orders-tab-label">{t('loyalty.tabs.orders')}</span>,
              children: <OrdersTab />,
            },
            {
              key: 'catalog',
              label: <span data-testid="catalog-tab-label">{t('loyalty.tabs.catalog')}</span>,
              children: <CatalogTab />,
            },
          ]}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
