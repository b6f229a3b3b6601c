import { PrinterOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/LocaleProvider';

type CardLang = 'zh' | 'en';

export const cardUrl = (id: string, layout: 'standard' | 'key', lang: CardLang) =>
  `/api/v1/customers/${id}/card.pdf?layout=${layout}&lang=${lang}`;

/** The relationship card (客户关系卡) as a PDF in a new tab: the standard layout or the key-customer one. */
export function CardButtons({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [lang, setLang] = useState<CardLang>(locale === 'en-US' ? 'en' : 'zh');
  return (
    <Flex gap={8} wrap>
      <Space.Compact>
        <Tooltip title={t('customerDetail.card.hint')}>
          <Button
            icon={<PrinterOutlined />}
            href={cardUrl(customerId, 'standard', lang)}
            target="_blank"
            rel="noopener"
            data-testid="card-standard"
          >
            {t('customerDetail.card.standard')}
          </Button>
        </Tooltip>
        <Button href={cardUrl(customerId, 'key', lang)} target="_blank" rel="noopener" data-testid="card-key">
          {t('customerDetail.card.key')}
        </Button>
      </Space.Compact>
      <Select<CardLang>
        value={lang}
        onChange={setLang}
        aria-label={t('customerDetail.card.lang')}
        title={t('customerDetail.card.lang')}
        prefix={<TranslationOutlined />}
        style={{ width: 100 }}
        options={[
          { value: 'zh', label: '中文' },
          { value: 'en', label: 'EN' },
        ]}
        data-testid="card-lang"
      />
    </Flex>
  );
}
