import { DeleteOutlined, EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Contact } from '@weixi/shared';
import { App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { contactsApi, recordKeys, type Unmasked } from '../../../api/customer-records';
import { errorText } from '../../../lib/errors';
import { ContactDrawer, useContactFieldDefinitions } from './ContactDrawer';
import { useCustomerLabels } from './use-labels';

type Plain = Unmasked['contacts'][number];

/** Key contacts first (they go on the relationship card), then by name as the server sorts them. */
export function sortContacts(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort((a, b) => Number(b.isKey) - Number(a.isKey));
}

export function ContactsTab({
  customerId,
  customerName,
  contacts,
  revealed,
  canWrite,
  onRevealedStale,
}: {
  customerId: string;
  customerName: string;
  contacts: Contact[];
  revealed: Map<string, Plain>;
  canWrite: boolean;
  /** A saved contact's revealed values are out of date; the caller forgets them. */
  onRevealedStale: (contactId: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [drawer, setDrawer] = useState<{ open: boolean; contact: Contact | null }>({
    open: false,
    contact: null,
  });
  const sorted = useMemo(() => sortContacts(contacts), [contacts]);
  const definitions = useContactFieldDefinitions();

  const remove = useMutation({
    mutationFn: (c: Contact) => contactsApi.remove(customerId, c.id, c.version),
    onSuccess: (_, c) => {
      message.success(t('customerDetail.contacts.deleted', { name: c.name }));
      void queryClient.invalidateQueries({ queryKey: recordKeys.detail(customerId) });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('errors.versionConflict'), 6);
        void queryClient.invalidateQueries({ queryKey: recordKeys.detail(customerId) });
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const L = labels.contact;
  const drawerContact = drawer.contact;
  return (
    <>
      {canWrite ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ open: true, contact: null })}
            data-testid="contact-new"
          >
            {t('customerDetail.contacts.new')}
          </Button>
        </Flex>
      ) : null}
      {sorted.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4}>
              <span>{t('customerDetail.contacts.empty')}</span>
              <Typography.Text type="secondary">{t('customerDetail.contacts.emptyHint')}</Typography.Text>
            </Flex>
          }
          data-testid="contacts-empty"
        />
      ) : (
        <Flex vertical gap={12} data-testid="contacts-list">
          {sorted.map((c) => {
            const plain = revealed.get(c.id);
            const phone = plain?.phone ?? c.phone;
            const email = plain?.email ?? c.email;
            const wechat = plain?.wechat ?? c.wechat;
            return (
              <Card
                key={c.id}
                size="small"
                data-testid="contact-card"
                title={
                  <Flex gap={8} align="center" wrap>
                    {c.isKey ? <StarFilled style={{ color: '#faad14' }} aria-label={L('isKey')} /> : null}
                    <span>{c.name}</span>
                    {c.position ? <Typography.Text type="secondary">{c.position}</Typography.Text> : null}
                    {c.isKey ? <Tag color="gold">{t('customerDetail.contacts.key')}</Tag> : null}
                    {c.decisionRole ? (
                      <Tag color="blue">{labels.enumValue('decisionRole', c.decisionRole)}</Tag>
                    ) : null}
                    {c.hasDecisionAuthority ? (
                      <Tag color="green">{t('customerDetail.contacts.decisionAuthority')}</Tag>
                    ) : null}
                  </Flex>
                }
                extra={
                  canWrite ? (
                    <Flex gap={4}>
                      <Button
                        type="text"
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setDrawer({ open: true, contact: c })}
                        data-testid="contact-edit"
                      />
                      <Popconfirm
                        title={t('customerDetail.contacts.deleteConfirm', { name: c.name })}
                        onConfirm={() => remove.mutate(c)}
                        okButtonProps={{ danger: true, ...{ 'data-testid': 'contact-delete-confirm' } }}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          data-testid="contact-delete"
                        />
                      </Popconfirm>
                    </Flex>
                  ) : null
                }
              >
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2, md: 3 }}
                  items={[
                    { key: 'phone', label: L('phone'), children: phone || '—' },
                    { key: 'email', label: L('email'), children: email || '—' },
                    { key: 'wechat', label: L('wechat'), children: wechat || '—' },
                    { key: 'employer', label: L('employer'), children: c.employer || '—' },
                    { key: 'birthday', label: L('birthday'), children: c.birthday ?? '—' },
                    {
                      key: 'preferredChannel',
                      label: L('preferredChannel'),
                      children: c.preferredChannel
                        ? labels.enumValue('preferredChannel', c.preferredChannel)
                        : '—',
                    },
                    ...(c.address ? [{ key: 'address', label: L('address'), children: c.address }] : []),
                    // Filled-in custom values, of retired fields too: nothing entered is hidden.
                    ...definitions
                      .map((d) => ({
                        def: d,
                        text: labels.customValue(
                          d,
                          c.custom[d.key],
                          t('customerDetail.yes'),
                          t('customerDetail.no'),
                        ),
                      }))
                      .filter(({ text }) => text !== '')
                      .map(({ def, text }) => ({
                        key: `custom.${def.key}`,
                        label: labels.label(def),
                        children: <span data-testid={`contact-custom-${def.key}`}>{text}</span>,
                      })),
                    ...(c.personalNotes
                      ? [
                          {
                            key: 'personalNotes',
                            label: L('personalNotes'),
                            span: 'filled' as const,
                            children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.personalNotes}</span>,
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            );
          })}
        </Flex>
      )}
      <ContactDrawer
        open={drawer.open}
        customerId={customerId}
        customerName={customerName}
        contact={drawerContact}
        plain={drawerContact ? revealed.get(drawerContact.id) : undefined}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onSaved={(saved) => onRevealedStale(saved.id)}
      />
    </>
  );
}
